package org.clvkit.examples.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream into records without decoding it: RFC 4180 CSV with one ASCII delimiter byte
 * and {@code "} quotes (a quoted field may span lines), or lines whose fields are separated by runs
 * of spaces and tabs. Each record keeps its original bytes, its first line number and its byte
 * offset in the (decompressed) stream, so that a bad row can be reported at its place and copied
 * verbatim. Fields are decoded strictly with the input's charset only when asked for, and a record
 * longer than the limit is not buffered: it is reported {@link #tooLong()} with its first bytes,
 * and {@link #skipRest(OutputStream)} streams the rest of its line.
 *
 * <p>Only charsets in which the delimiter, quote, CR and LF bytes never occur inside a multi-byte
 * character may be used byte-wise: UTF-8, the single-byte charsets, and GB18030 with a delimiter
 * below 0x40 (checked by {@link #checkDelimiter}).
 */
final class ByteRecords implements Closeable {
  private static final int MIN_BUFFER = 1 << 16;

  private final InputStream in;
  private final byte delimiter;
  private final boolean whitespace;
  private final int maxRecordBytes;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final boolean asciiCompatible;
  // Bytes above this are plain outside quotes: not a delimiter, quote, CR or LF (nor non-ASCII).
  private final byte plainAbove;

  private byte[] buf;
  private int limit;
  private int start; // current record's first byte in buf
  private int end; // current record's end (exclusive, before CR LF)
  private int next; // where the next record starts
  private boolean eof;
  private long bufferOffset; // stream offset of buf[0]
  private long line; // line number of the next record
  private long recordLine;
  private long recordOffset;
  private boolean tooLong;
  private boolean lineEndedInRecord; // tooLong: whether the line end was already reached
  private String malformed; // a quoting problem, or null
  private boolean endedInQuotes;
  private boolean highBytes; // whether the current record may have a byte above 127

  private int fields;
  private int[] fieldStart = new int[16];
  private int[] fieldEnd = new int[16];
  private boolean[] quoted = new boolean[16];
  private byte[] scratch = new byte[256];

  ByteRecords(
      InputStream in, char delimiter, boolean whitespace, Charset charset, int maxRecordBytes)
      throws IOException {
    this(in, delimiter, whitespace, charset, maxRecordBytes, 0, 1);
  }

  /**
   * Records of {@code in}, whose first byte is at {@code offset} of the stream and on line {@code
   * line}; a UTF-8 byte order mark is skipped only at offset 0.
   */
  ByteRecords(
      InputStream in,
      char delimiter,
      boolean whitespace,
      Charset charset,
      int maxRecordBytes,
      long offset,
      long line)
      throws IOException {
    this(in, delimiter, whitespace, charset, maxRecordBytes, true);
    this.bufferOffset = offset;
    this.line = line;
    fill();
    if (offset == 0
        && charset.equals(StandardCharsets.UTF_8)
        && limit >= 3
        && buf[0] == (byte) 0xEF
        && buf[1] == (byte) 0xBB
        && buf[2] == (byte) 0xBF) {
      next = 3;
    }
  }

  private ByteRecords(
      InputStream in,
      char delimiter,
      boolean whitespace,
      Charset charset,
      int maxRecordBytes,
      boolean buffered) {
    this.in = in;
    this.delimiter = (byte) delimiter;
    this.whitespace = whitespace;
    this.charset = charset;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.asciiCompatible =
        !charset.name().startsWith("UTF-16") && !charset.name().startsWith("UTF-32");
    this.plainAbove =
        whitespace ? (byte) '\r' : (byte) Math.max(Math.max('"', '\r'), (byte) delimiter);
    this.maxRecordBytes = maxRecordBytes;
    this.buf =
        buffered ? new byte[Math.max(MIN_BUFFER, Math.min(1 << 20, maxRecordBytes + 2))] : null;
    this.line = 1;
  }

  /**
   * Records of byte blocks given by {@link #wrap}, for the parallel read: each block is read as if
   * it were a whole stream that starts at a record (no byte order mark is skipped).
   */
  static ByteRecords blocks(
      char delimiter, boolean whitespace, Charset charset, int maxRecordBytes) {
    ByteRecords r = new ByteRecords(null, delimiter, whitespace, charset, maxRecordBytes, false);
    r.eof = true;
    return r;
  }

  /**
   * Reads the records of {@code block[from, to)} next (not copied), as the end of a stream whose
   * byte {@code block[0]} is at {@code blockOffset} and whose record at {@code from} starts on line
   * {@code line}. Only for readers made by {@link #blocks}.
   */
  void wrap(byte[] block, int from, int to, long blockOffset, long line) {
    this.buf = block;
    this.limit = to;
    this.start = from;
    this.end = from;
    this.next = from;
    this.bufferOffset = blockOffset;
    this.line = line;
    this.tooLong = false;
    this.endedInQuotes = false;
  }

  /** Where the record after the current one starts in {@link #buffer()}. */
  int nextStart() {
    return next;
  }

  /** The current record's first byte position in {@link #buffer()}. */
  int recordStart() {
    return start;
  }

  /** The line number of the record after the current one. */
  long nextLine() {
    return line;
  }

  /** The stream offset of the record after the current one. */
  long nextOffset() {
    return bufferOffset + next;
  }

  /** The bytes read from the stream but not yet made into records (after the current one). */
  byte[] pending() {
    return Arrays.copyOfRange(buf, next, limit);
  }

  /** The underlying stream, positioned after the {@link #pending()} bytes. */
  InputStream stream() {
    return in;
  }

  /** Whether the end of the stream was read. */
  boolean atEnd() {
    return eof;
  }

  /** Whether the current record reached the end of the data inside a quoted field. */
  boolean endedInQuotes() {
    return endedInQuotes;
  }

  /**
   * Whether {@code charset} can be split byte-wise with {@code delimiter} (see the class comment).
   *
   * @throws CliException usage when it cannot
   */
  static void checkDelimiter(Charset charset, char delimiter, boolean whitespace) {
    String name = charset.name();
    if (name.startsWith("UTF-16") || name.startsWith("UTF-32")) {
      throw CliException.usage(
          "--encoding "
              + name
              + " is not supported: convert the file to UTF-8 (e.g. iconv -f "
              + name
              + " -t UTF-8)");
    }
    boolean single = charset.newEncoder().maxBytesPerChar() <= 1.0f;
    if (single || name.equals("UTF-8") || name.equals("US-ASCII")) {
      return;
    }
    if (!whitespace && delimiter >= 0x40) {
      throw CliException.usage(
          String.format(
              "--delimiter '%s' cannot be used with --encoding %s, whose two-byte characters may"
                  + " contain that byte: use ',', ';' or tab",
              delimiter, name));
    }
  }

  private void fill() throws IOException {
    while (limit < buf.length && !eof) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
      if (n > 0) {
        return;
      }
    }
  }

  /**
   * Makes room: moves the current record to the front of the buffer, or grows the buffer; returns
   * the shift applied to positions, or -1 when the record has reached the limit.
   */
  private int makeRoom() {
    if (start > 0) {
      int shift = start;
      System.arraycopy(buf, start, buf, 0, limit - start);
      limit -= shift;
      bufferOffset += shift;
      start = 0;
      return shift;
    }
    if (buf.length >= maxRecordBytes + 2) {
      return -1;
    }
    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxRecordBytes + 2L));
    return 0;
  }

  /** Advances to the next record; false at the end of the stream. */
  boolean next() throws IOException {
    start = next;
    if (start >= limit && !eof) {
      bufferOffset += limit;
      limit = 0;
      start = 0;
      next = 0;
      fill();
    }
    if (start >= limit && eof) {
      return false;
    }
    recordLine = line;
    recordOffset = bufferOffset + start;
    tooLong = false;
    malformed = null;
    endedInQuotes = false;
    highBytes = false;
    fields = 0;
    int i = start;
    int fieldFrom = i;
    boolean inQuotes = false;
    boolean fieldQuoted = false;
    boolean afterQuote = false;
    while (true) {
      if (i >= limit) {
        if (eof) {
          if (inQuotes) {
            endedInQuotes = true;
            malformed =
                "a quoted field opened on line "
                    + recordLine
                    + " is not closed by the end of the file";
          }
          addField(fieldFrom, i, fieldQuoted);
          end = i;
          next = i;
          trimCarriageReturn();
          return true;
        }
        if (limit == buf.length) {
          int shift = makeRoom();
          if (shift < 0) {
            tooLong = true;
            lineEndedInRecord = false;
            end = limit;
            next = limit;
            return true;
          }
          i -= shift;
          fieldFrom -= shift;
          for (int f = 0; f < fields; f++) {
            fieldStart[f] -= shift;
            fieldEnd[f] -= shift;
          }
        }
        fill();
        continue;
      }
      if (!inQuotes && !afterQuote) {
        // the bytes that need no decision (most of a row): a tight loop
        byte[] a = buf;
        int n = limit;
        byte above = plainAbove;
        while (i < n && a[i] > above) {
          i++;
        }
        if (i >= n) {
          continue;
        }
      }
      byte b = buf[i];
      if (b < 0) {
        highBytes = true;
      }
      if (inQuotes) {
        if (b == '"') {
          if (i + 1 >= limit && !eof) {
            // need the next byte to tell "" from a closing quote
            if (limit == buf.length) {
              int shift = makeRoom();
              if (shift < 0) {
                tooLong = true;
                end = limit;
                next = limit;
                return true;
              }
              i -= shift;
              fieldFrom -= shift;
              for (int f = 0; f < fields; f++) {
                fieldStart[f] -= shift;
                fieldEnd[f] -= shift;
              }
            }
            fill();
            continue;
          }
          if (i + 1 < limit && buf[i + 1] == '"') {
            i += 2;
          } else {
            inQuotes = false;
            afterQuote = true;
            i++;
          }
        } else {
          if (b == '\n') {
            line++;
          }
          i++;
        }
        continue;
      }
      if (b == '\n') {
        line++;
        addField(fieldFrom, i, fieldQuoted);
        end = i;
        next = i + 1;
        trimCarriageReturn();
        return true;
      }
      if (whitespace) {
        i++;
        continue;
      }
      if (b == delimiter) {
        addField(fieldFrom, i, fieldQuoted);
        i++;
        fieldFrom = i;
        fieldQuoted = false;
        afterQuote = false;
      } else if (b == '"' && i == fieldFrom) {
        inQuotes = true;
        fieldQuoted = true;
        i++;
      } else {
        if (afterQuote && b != '\r' && malformed == null) {
          malformed =
              "a quoted field on line "
                  + recordLine
                  + " must end at its closing quote, was followed by other characters";
        }
        i++;
      }
    }
  }

  private void trimCarriageReturn() {
    if (end > start && buf[end - 1] == '\r') {
      end--;
      if (fields > 0 && fieldEnd[fields - 1] > end) {
        fieldEnd[fields - 1] = end;
      }
    }
    if (whitespace) {
      splitWhitespace();
    }
  }

  private void splitWhitespace() {
    fields = 0;
    int i = start;
    while (true) {
      while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
        i++;
      }
      if (i >= end) {
        return;
      }
      int s = i;
      while (i < end && buf[i] != ' ' && buf[i] != '\t') {
        i++;
      }
      addField(s, i, false);
    }
  }

  private void addField(int from, int to, boolean isQuoted) {
    if (fields == fieldStart.length) {
      fieldStart = Arrays.copyOf(fieldStart, fields * 2);
      fieldEnd = Arrays.copyOf(fieldEnd, fields * 2);
      quoted = Arrays.copyOf(quoted, fields * 2);
    }
    fieldStart[fields] = from;
    fieldEnd[fields] = to;
    quoted[fields] = isQuoted;
    fields++;
  }

  /**
   * For a {@link #tooLong()} record: streams the rest of its line (to the next LF, quotes not
   * considered) into {@code copy} (may be null) and positions the reader after it.
   */
  void skipRest(OutputStream copy) throws IOException {
    if (!tooLong || lineEndedInRecord) {
      return;
    }
    int i = next;
    while (true) {
      if (i >= limit) {
        if (copy != null && i > next) {
          copy.write(buf, next, i - next);
        }
        bufferOffset += limit;
        limit = 0;
        start = 0;
        i = 0;
        next = 0;
        if (eof) {
          return;
        }
        fill();
        continue;
      }
      if (buf[i] == '\n') {
        int to = i > next && buf[i - 1] == '\r' ? i - 1 : i;
        if (copy != null) {
          copy.write(buf, next, Math.max(0, to - next));
        }
        line++;
        next = i + 1;
        lineEndedInRecord = true;
        return;
      }
      i++;
    }
  }

  /** The first line of the current record. */
  long line() {
    return recordLine;
  }

  /** The byte offset of the current record's first byte in the stream. */
  long offset() {
    return recordOffset;
  }

  /** Whether the record is longer than the limit: only its first bytes are available. */
  boolean tooLong() {
    return tooLong;
  }

  /** A quoting problem of the record, or null. */
  String malformed() {
    return malformed;
  }

  int size() {
    return fields;
  }

  /** Empty or only spaces and tabs. */
  boolean blank() {
    for (int i = start; i < end; i++) {
      if (buf[i] != ' ' && buf[i] != '\t') {
        return false;
      }
    }
    return !tooLong;
  }

  /** The record's original bytes (without its line end). */
  byte[] bytes() {
    return Arrays.copyOfRange(buf, start, end);
  }

  /** Writes the record's original bytes. */
  void writeBytes(OutputStream out) throws IOException {
    out.write(buf, start, end - start);
  }

  /**
   * The offset in the stream of the first byte of the record that does not decode, or -1 when the
   * whole record decodes.
   */
  long invalidByte() {
    if (!highBytes && !tooLong && asciiCompatible) {
      return -1; // next() saw every byte of the record: none above 127
    }
    int i = start;
    while (i < end && buf[i] >= 0) {
      i++;
    }
    if (i == end && asciiCompatible) {
      return -1;
    }
    decoder.reset();
    ByteBuffer bytes = ByteBuffer.wrap(buf, start, end - start);
    CharBuffer chars = CharBuffer.allocate(Math.max(16, end - start));
    CoderResult r = decoder.decode(bytes, chars, true);
    if (r.isError()) {
      return bufferOffset + bytes.position();
    }
    r = decoder.flush(chars);
    return r.isError() ? bufferOffset + bytes.position() : -1;
  }

  /** The field's raw first byte position and length in {@link #buffer()} (quotes included). */
  byte[] buffer() {
    return buf;
  }

  int fieldStart(int i) {
    return fieldStart[i];
  }

  int fieldEnd(int i) {
    return fieldEnd[i];
  }

  /** Whether ASCII bytes are the ASCII characters in the input's charset (not UTF-16/32). */
  boolean asciiCompatible() {
    return asciiCompatible;
  }

  boolean quoted(int i) {
    return quoted[i];
  }

  /** The field's text: quotes removed, {@code ""} unescaped, decoded (the record is valid). */
  String field(int i) {
    int s = fieldStart[i];
    int e = fieldEnd[i];
    byte[] src = buf;
    if (quoted[i]) {
      int n = 0;
      if (scratch.length < e - s) {
        scratch = new byte[e - s];
      }
      int j = s + 1;
      int stop = e;
      while (stop > j && buf[stop - 1] != '"') {
        stop--;
      }
      stop = stop > j ? stop - 1 : e;
      while (j < stop) {
        byte b = buf[j];
        scratch[n++] = b;
        j += b == '"' && j + 1 < stop && buf[j + 1] == '"' ? 2 : 1;
      }
      src = scratch;
      s = 0;
      e = n;
    }
    boolean ascii = true;
    for (int j = s; j < e && ascii; j++) {
      ascii = src[j] >= 0;
    }
    if (ascii && asciiCompatible) {
      return new String(src, s, e - s, StandardCharsets.ISO_8859_1);
    }
    try {
      decoder.reset();
      return decoder.decode(ByteBuffer.wrap(src, s, e - s)).toString();
    } catch (CharacterCodingException ex) {
      return new String(src, s, e - s, charset);
    }
  }

  List<String> fields() {
    List<String> out = new ArrayList<>(fields);
    for (int i = 0; i < fields; i++) {
      out.add(field(i));
    }
    return out;
  }

  /**
   * The record for messages: decoded when valid, otherwise ASCII with every other byte as {@code
   * \xHH}; at most {@code max} characters.
   */
  String text(int max) {
    int e = Math.min(end, start + max * 4);
    String s;
    if (invalidByte() < 0 && !tooLong) {
      s = new String(buf, start, e - start, charset);
    } else {
      StringBuilder out = new StringBuilder();
      for (int i = start; i < e && out.length() < max; i++) {
        int b = buf[i] & 0xFF;
        if (b >= 0x20 && b < 0x7F) {
          out.append((char) b);
        } else {
          out.append(String.format("\\x%02X", b));
        }
      }
      s = out.toString();
    }
    return s.length() > max ? s.substring(0, max) + "..." : s;
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
    }
  }
}
