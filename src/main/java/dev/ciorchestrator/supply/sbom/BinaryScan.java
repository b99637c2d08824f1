package dev.ciorchestrator.supply.sbom;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one artifact file is made of, as far as the file itself tells: a Go binary's module graph, a
 * dynamically linked ELF's libraries resolved to Debian packages. Anything else (scripts, archives,
 * text) is just a file with its hash.
 *
 * @param go the Go build info, if a Go binary
 * @param packages Debian packages of the libraries it links
 * @param unresolved linked libraries no installed package owns
 */
record BinaryScan(
    Optional<GoBuildInfo> go, List<DebianPackages.DebPackage> packages, List<String> unresolved) {
  static final BinaryScan PLAIN = new BinaryScan(Optional.empty(), List.of(), List.of());

  static BinaryScan of(Path file, DebianPackages debian) throws IOException {
    try (FileChannel channel = ElfFile.channel(file)) {
      Optional<ElfFile> elf = ElfFile.open(channel);
      if (elf.isEmpty()) {
        return PLAIN;
      }
      Optional<GoBuildInfo> go = elf.get().section(".go.buildinfo").flatMap(GoBuildInfo::parse);
      DebianPackages.Resolution libs = debian.resolve(elf.get().needed(), elf.get().machine());
      return new BinaryScan(go, libs.packages(), libs.unresolved());
    }
  }
}
