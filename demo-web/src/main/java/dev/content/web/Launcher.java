package dev.content.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the server of {@code java -jar demo-web.jar} in a second JVM that maps a class-data-sharing
 * archive of the classes a run of demo-web loads.
 *
 * <p>Why: a start spends about 40 % of its CPU loading, verifying and compiling some 4,600 classes
 * (Jetty, Javalin, Jackson, jte, Lucene), which on two cores is most of a restart's wall time. An
 * AppCDS archive of them takes a restart at 100,000 articles from 2.2 to 1.5 s and at 1,000 from 1.5 to
 * 1.1 s. Java 17 takes an archive only as a command-line option ({@code -XX:SharedArchiveFile}; Java 19's
 * {@code -XX:+AutoCreateSharedArchive} does what this class does), which {@code java -jar} cannot carry
 * in the jar. So this JVM starts the server's with it: the archive is written when the first server
 * stops ({@code -XX:ArchiveClassesAtExit}) and kept in the user's cache folder under a name that hashes
 * the jar (path, size, time), the JVM and its options, so that another jar or JVM makes its own.
 *
 * <p>The launching JVM only waits. The server writes to this process's standard output and error. A
 * SIGTERM or SIGINT to the launcher stops the server, and waits for it (its archive is written as it
 * exits), before the launcher exits. The server reads its standard input, a pipe from the launcher,
 * and stops when it closes: when the launcher dies, even by {@code kill -9}, no server is left behind.
 *
 * <p>The server runs in this JVM instead when the class path is not one jar (tests, an IDE), when the
 * JVM was started with its own archive, an agent, a debugger or a flight recording (they observe or
 * configure this JVM), for {@code --help}, with {@code -Dcontent.web.launcher=off}, or when the cache
 * folder cannot be written. {@code -Dcontent.web.cds-dir=DIR} puts the archives in {@code DIR}.
 */
final class Launcher {
  /** Set on the server's JVM; {@code pipe}: stop when standard input closes. */
  static final String SERVER = "content.web.server";
  private static final String OFF = "content.web.launcher";
  private static final String DIR = "content.web.cds-dir";
  /** Options that configure or observe this very JVM: a second one would fight over them. */
  private static final List<String> OWN_JVM = List.of("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
      "-Xshare", "-agentlib", "-agentpath", "-javaagent", "-Xrun", "-Xdebug", "-XX:StartFlightRecording",
      "-XX:FlightRecorder");
  /** The exit codes of a server that ran and was stopped (its archive holds what a run loads). */
  private static final List<Integer> STOPPED = List.of(0, 130, 143);

  private Launcher() {}

  /**
   * When this JVM is the server's: watches standard input if the launcher asked for it, and returns
   * true. Otherwise false.
   */
  static boolean isServer() {
    String mode = System.getProperty(SERVER);
    if (mode == null) {
      return false;
    }
    if (mode.equals("pipe")) {
      Thread watch = new Thread(() -> {
        try (InputStream in = System.in) {
          while (in.read() != -1) {
            // nothing is sent: only the end matters
          }
        } catch (IOException e) {
          // closed as well
        }
        System.exit(0); // the launcher is gone
      }, "launcher-watch");
      watch.setDaemon(true);
      watch.start();
    }
    return true;
  }

  /**
   * Runs the server in a JVM of its own with the archive and returns its exit code once it stopped, or
   * empty when the server should run in this JVM (see the class comment).
   */
  static OptionalInt launch(String[] args) {
    if ("off".equals(System.getProperty(OFF)) || List.of(args).contains("--help") || List.of(args).contains("-h")) {
      return OptionalInt.empty();
    }
    Optional<Path> jar = singleJar(System.getProperty("java.class.path", ""));
    if (jar.isEmpty()) {
      return OptionalInt.empty();
    }
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    if (jvm.stream().anyMatch(a -> OWN_JVM.stream().anyMatch(a::startsWith))) {
      return OptionalInt.empty();
    }
    Optional<Path> folder = cacheFolder();
    if (folder.isEmpty()) {
      return OptionalInt.empty();
    }
    Path archive;
    try {
      archive = folder.get().resolve("demo-web-" + key(jar.get(), jvm) + ".jsa");
    } catch (IOException e) {
      return OptionalInt.empty();
    }
    removeStale(folder.get());
    long self = ProcessHandle.current().pid();
    Path making = archive.resolveSibling(archive.getFileName() + "." + self + ".tmp");
    boolean reuse = Files.isRegularFile(archive);
    if (reuse) {
      touch(archive);
    } else {
      System.err.println("demo-web: the server's classes are archived to " + archive
          + " when it stops, for faster starts (-Dcontent.web.launcher=off: no archive)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.add(reuse ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + making);
    cmd.add("-Xlog:cds=off");
    cmd.add("-Xlog:cds+dynamic=off");
    cmd.add("-D" + SERVER + "=pipe");
    cmd.add("-jar");
    cmd.add(jar.get().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.PIPE);
    // The options of this JVM are passed on as they are: the launcher's variable would add them twice.
    pb.environment().remove("JDK_JAVA_OPTIONS");
    Process server;
    try {
      server = pb.start();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
    Runnable finish = new Runnable() {
      private boolean done;

      @Override
      public synchronized void run() {
        if (done) {
          return;
        }
        done = true;
        if (!reuse) {
          keepArchive(server.exitValue(), making, archive);
        }
      }
    };
    Thread stop = new Thread(() -> {
      // Stopped by a signal: the server stops too, and the archive it writes as it exits is kept.
      server.destroy();
      try {
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        server.destroyForcibly();
        Thread.currentThread().interrupt();
        return;
      }
      finish.run();
    }, "launcher-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    int code;
    try {
      code = server.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(1);
    }
    finish.run();
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException e) {
      // shutting down already: the hook has finished the same way
    }
    return OptionalInt.of(code);
  }

  /** The one jar the class path names, as {@code java -jar} sets it. */
  static Optional<Path> singleJar(String classPath) {
    if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
      return Optional.empty();
    }
    Path jar = Path.of(classPath).toAbsolutePath();
    return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
  }

  /** {@code -Dcontent.web.cds-dir}, else {@code $XDG_CACHE_HOME/content-demo-web}, else {@code ~/.cache/…}. */
  private static Optional<Path> cacheFolder() {
    String set = System.getProperty(DIR);
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path folder = set != null ? Path.of(set)
        : xdg != null && !xdg.isBlank() ? Path.of(xdg, "content-demo-web")
        : Path.of(System.getProperty("user.home"), ".cache", "content-demo-web");
    try {
      Files.createDirectories(folder);
      return Files.isWritable(folder) ? Optional.of(folder) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** What an archive depends on: the jar's path, size and time, the JVM build and its options. */
  static String key(Path jar, List<String> jvmOptions) throws IOException {
    StringBuilder sb = new StringBuilder()
        .append(jar).append('\n')
        .append(Files.size(jar)).append('\n')
        .append(Files.getLastModifiedTime(jar).toMillis()).append('\n')
        .append(System.getProperty("java.home")).append('\n')
        .append(System.getProperty("java.vm.version")).append('\n');
    jvmOptions.forEach(o -> sb.append(o).append('\n'));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Keeps the archive a first server wrote as it exited, if it ran and was stopped (one that failed to
   * start holds too few classes to be worth keeping; another of its kind will be made).
   */
  private static void keepArchive(int exitCode, Path making, Path archive) {
    try {
      if (STOPPED.contains(exitCode) && Files.isRegularFile(making) && Files.size(making) > 0) {
        Files.move(making, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(making);
      }
    } catch (IOException e) {
      // Only a cache: the next start makes another.
    }
  }

  /** How long an archive no start has used is kept (each rebuilt jar makes its own). */
  private static final java.time.Duration UNUSED = java.time.Duration.ofDays(30);

  /**
   * Removes archives being made by launchers that are gone (killed before their server stopped) and
   * archives no start has used for {@link #UNUSED}.
   */
  private static void removeStale(Path folder) {
    long oldest = System.currentTimeMillis() - UNUSED.toMillis();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "demo-web-*.jsa*")) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (name.endsWith(".tmp")) {
          String pid = name.substring(name.lastIndexOf(".jsa.") + 5, name.length() - 4);
          if (!isAlive(pid)) {
            Files.deleteIfExists(p);
          }
        } else if (name.endsWith(".jsa") && Files.getLastModifiedTime(p).toMillis() < oldest) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Only a cache.
    }
  }

  private static boolean isAlive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Marks an archive used (its time is when a start last mapped it). */
  private static void touch(Path archive) {
    try {
      Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // Only a cache.
    }
  }
}
