package dev.ciorchestrator.supply.sbom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an ELF file the SBOM needs: its machine, the libraries it links ({@code DT_NEEDED})
 * and Go's {@code .go.buildinfo} section. Reads only the headers and those sections, never the
 * whole file, and refuses sizes that point outside it.
 */
final class ElfFile {
  private static final int SHT_DYNAMIC = 6;
  private static final long DT_NEEDED = 1;
  private static final int MAX_SECTION = 64 * 1024 * 1024;

  private final FileChannel channel;
  private final boolean wide;
  private final ByteOrder order;
  private final int machine;
  private final List<Section> sections;

  private record Section(int nameAt, String name, int type, long offset, long size, int link) {
    Section named(String text) {
      return new Section(nameAt, text, type, offset, size, link);
    }
  }

  private ElfFile(FileChannel channel, ByteBuffer header) throws IOException {
    this.channel = channel;
    this.wide = header.get(4) == 2;
    this.order = header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    header.order(order);
    this.machine = header.getShort(18) & 0xffff;
    this.sections = readSections(header);
  }

  /**
   * The ELF file behind {@code channel}, or empty if it is not one (a script, a tarball, a text
   * file).
   */
  static Optional<ElfFile> open(FileChannel channel) throws IOException {
    ByteBuffer header = read(channel, 0, 64);
    if (header.limit() < 52
        || header.getInt(0) != 0x7f454c46 // \x7fELF, read big-endian before the order is known
        || (header.get(4) != 1 && header.get(4) != 2)) {
      return Optional.empty();
    }
    return Optional.of(new ElfFile(channel, header));
  }

  static FileChannel channel(Path path) throws IOException {
    return FileChannel.open(path, StandardOpenOption.READ);
  }

  /** The ELF machine ({@code EM_X86_64} = 62, {@code EM_AARCH64} = 183, ...). */
  int machine() {
    return machine;
  }

  /** The libraries named by {@code DT_NEEDED}, in order; empty for a static binary. */
  List<String> needed() throws IOException {
    List<String> names = new ArrayList<>();
    for (Section dynamic : sections) {
      if (dynamic.type() != SHT_DYNAMIC || dynamic.link() >= sections.size()) {
        continue;
      }
      ByteBuffer entries = section(dynamic);
      ByteBuffer strings = section(sections.get(dynamic.link()));
      int entrySize = wide ? 16 : 8;
      for (int at = 0; at + entrySize <= entries.limit(); at += entrySize) {
        long tag = wide ? entries.getLong(at) : entries.getInt(at);
        long value = wide ? entries.getLong(at + 8) : entries.getInt(at + 4) & 0xffffffffL;
        if (tag == 0) {
          break;
        }
        if (tag == DT_NEEDED && value < strings.limit()) {
          names.add(cString(strings, (int) value));
        }
      }
    }
    return List.copyOf(names);
  }

  /** The bytes of the named section, if present. */
  Optional<ByteBuffer> section(String name) throws IOException {
    for (Section section : sections) {
      if (section.name().equals(name)) {
        return Optional.of(section(section));
      }
    }
    return Optional.empty();
  }

  private ByteBuffer section(Section section) throws IOException {
    if (section.size() > MAX_SECTION || section.offset() + section.size() > channel.size()) {
      throw new IOException("section " + section.name() + " lies outside the file");
    }
    return read(channel, section.offset(), (int) section.size()).order(order);
  }

  private List<Section> readSections(ByteBuffer h) throws IOException {
    long offset = wide ? h.getLong(40) : h.getInt(32) & 0xffffffffL;
    int entrySize = h.getShort(wide ? 58 : 46) & 0xffff;
    int count = h.getShort(wide ? 60 : 48) & 0xffff;
    int namesIndex = h.getShort(wide ? 62 : 50) & 0xffff;
    if (offset == 0 || count == 0 || entrySize < (wide ? 64 : 40)) {
      return List.of();
    }
    ByteBuffer table = read(channel, offset, count * entrySize).order(order);
    List<Section> raw = new ArrayList<>();
    for (int i = 0; i < count && (i + 1) * entrySize <= table.limit(); i++) {
      int at = i * entrySize;
      int nameOffset = table.getInt(at);
      int type = table.getInt(at + 4);
      long fileOffset = wide ? table.getLong(at + 24) : table.getInt(at + 16) & 0xffffffffL;
      long size = wide ? table.getLong(at + 32) : table.getInt(at + 20) & 0xffffffffL;
      int link = table.getInt(at + (wide ? 40 : 24));
      raw.add(new Section(nameOffset, "", type, fileOffset, size, link));
    }
    if (namesIndex >= raw.size()) {
      return List.copyOf(raw);
    }
    ByteBuffer names = section(raw.get(namesIndex));
    List<Section> named = new ArrayList<>();
    for (Section s : raw) {
      named.add(
          s.named(s.nameAt() >= 0 && s.nameAt() < names.limit() ? cString(names, s.nameAt()) : ""));
    }
    return List.copyOf(named);
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer =
        ByteBuffer.allocate((int) Math.max(0, Math.min(length, channel.size() - position)));
    while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
      // read until full or the end of the file
    }
    buffer.flip();
    return buffer;
  }

  private static String cString(ByteBuffer buffer, int at) {
    int end = at;
    while (end < buffer.limit() && buffer.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - at];
    buffer.get(at, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
