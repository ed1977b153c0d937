package dev.content.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core is a pure model: nothing in it may do I/O, networking or terminal work. */
class ArchitectureTest {
  @Test
  void coreDoesNoIo() {
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.content.core");
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..",
            "java.sql..", "java.awt..", "javax.swing..", "java.util.logging..", "com.google.common.io..")
        .because("content-core must stay a pure model; I/O belongs to the loader and the demos")
        .check(classes);
  }
}
