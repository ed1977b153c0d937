import java.io.IOException;
import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.*;
import java.lang.management.*;

/**
 * Times what a restart's verifying load does before it reads anything: the loader's folder walk
 * (SeedLoader.listTextFiles: walkFileTree, size and modification time of every *.txt, hidden folders
 * skipped) and the sort by path, in a fresh JVM. Ad hoc, for BENCHMARKS.md ("demo-web", restart):
 *   java bench/FolderWalk.java CORPUS_DIR
 */
public class FolderWalk {
  record F(Path file, String path, long size, long modified) {}
  public static void main(String[] a) throws IOException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
    Path folder = Path.of(a[0]);
    List<F> files = new ArrayList<>();
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      final ArrayDeque<String> prefixes = new ArrayDeque<>();
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes at) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!dir.equals(folder) && name.startsWith(".")) return FileVisitResult.SKIP_SUBTREE;
        prefixes.push(dir.equals(folder) ? "" : folder.relativize(dir).toString() + "/");
        return FileVisitResult.CONTINUE;
      }
      public FileVisitResult postVisitDirectory(Path dir, IOException e) { prefixes.pop(); return FileVisitResult.CONTINUE; }
      public FileVisitResult visitFile(Path f, BasicFileAttributes at) {
        String n = f.getFileName().toString();
        if (n.toLowerCase(Locale.ROOT).endsWith(".txt")) files.add(new F(f, prefixes.peek() + n, at.size(),
            at.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)));
        return FileVisitResult.CONTINUE;
      }
    });
    long t1 = System.nanoTime(), c1 = mx.getCurrentThreadCpuTime();
    F[] s = files.toArray(F[]::new);
    Arrays.parallelSort(s, Comparator.comparing(F::path));
    long t2 = System.nanoTime();
    System.out.printf("%d files: walk %d ms (thread CPU %d ms), sort %d ms%n", s.length, (t1 - t0) / 1000000,
        (c1 - c0) / 1000000, (t2 - t1) / 1000000);
  }
}
