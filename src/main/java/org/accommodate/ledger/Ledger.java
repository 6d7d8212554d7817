package org.accommodate.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.accommodate.InputException;
import org.accommodate.output.AtomicOutput;

/**
 * The disclosure ledger: an append-only file of JSON lines, each holding the SHA-256 of the line
 * before it, so no entry can silently disappear, change or move. Appends hold an exclusive file
 * lock (other processes) and a lock per file (other threads), and are forced to disk before they
 * return. A torn last line from a crash is reported, never dropped or rewritten.
 */
public final class Ledger {
  /** What the first entry's {@code prev} holds. */
  public static final String GENESIS = sha256("accommodate ledger v1".getBytes(StandardCharsets.UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
  // What this process last wrote to each ledger: re-reading thousands of lines on every append
  // of a batch would make a batch quadratic in the ledger's length (see tail()).
  private static final Map<Path, Verified> VERIFIED = new ConcurrentHashMap<>();
  // Ledgers whose appends leave no checkpoint each, until checkpoint(): a batch's, which leaves
  // one at its end rather than a file written and forced to disk per letter.
  private static final java.util.Set<Path> DEFERRED = ConcurrentHashMap.newKeySet();

  // digest: over the first length bytes, not yet finished (cloned before use), so that each
  // append can leave a checkpoint without hashing the ledger again.
  private record Verified(int length, byte[] lastLine, long count, String lastLineHash, MessageDigest digest,
      String firstLineHash) {}

  private final Path file;
  private final LineWriter writer;

  public Ledger(Path file) {
    this(file, (channel, bytes) -> {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    });
  }

  // Tests inject a writer that stops half-way, to check what a crash mid-append leaves.
  Ledger(Path file, LineWriter writer) {
    this.file = file.toAbsolutePath();
    this.writer = writer;
  }

  /** Writes the bytes of one line at the channel's position. */
  interface LineWriter {
    void write(FileChannel channel, byte[] bytes) throws IOException;
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one entry (its {@code seq} and {@code prev} are set here) and forces it to disk.
   * Refuses when the ledger's last line is incomplete.
   */
  public LedgerEntry append(LedgerEntry entry) {
    ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
    local.lock();
    // A new ledger is owner-only, like the letters: its lines name patients' references, employers
    // and dates, and a Part 2 program's ledger says who is in its care.
    try (FileChannel channel = AtomicOutput.openOwnerOnly(file,
        java.util.EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
         FileLock lock = channel.lock()) {
      Tail tail = tail(channel);
      LedgerEntry chained = entry.chained(tail.count() + 1, tail.hash());
      LedgerEntry placed = chained.sealed(sha256(JSON.writeValueAsBytes(chained)));
      byte[] line = (JSON.writeValueAsString(placed) + "\n").getBytes(StandardCharsets.UTF_8);
      long position = channel.size();
      channel.position(position);
      writer.write(channel, line);
      channel.force(true);
      remember(channel, tail, placed.seq(), line);
      return placed;
    } catch (IOException e) {
      throw new InputException("ledger " + file + ": cannot append", e);
    } finally {
      local.unlock();
    }
  }

  /**
   * Checks the ledger is usable for appends: readable, and its last line complete. Once this
   * process has verified or appended to it, there is nothing to check ahead: the next append
   * checks what was added since, and a batch's workers do not queue for the lock its writer
   * holds while the disk syncs.
   */
  public void checkAppendable() {
    if (VERIFIED.containsKey(file)) {
      return;
    }
    if (!Files.exists(file)) {
      Path parent = file.getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new InputException("--ledger: the folder for " + file + " does not exist");
      }
      refuseLoss(new byte[0], 0);
      return;
    }
    ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
    local.lock();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      tail(channel);
    } catch (IOException e) {
      throw new InputException("ledger " + file + ": cannot be read", e);
    } finally {
      local.unlock();
    }
  }

  /** Every entry, parsed; a damaged ledger is an input error naming the line (see verify). */
  public List<LedgerEntry> entries() {
    LedgerCheck check = verify();
    if (!check.intact()) {
      throw new InputException("ledger " + file + ": " + check.problem() + "; run 'accommodate ledger verify'");
    }
    return check.entries();
  }

  /** Checks every line and the hash chain; names the first bad line. */
  public LedgerCheck verify() {
    byte[] bytes;
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new InputException("ledger " + file + ": not a regular file");
      }
      bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    } catch (IOException e) {
      throw new InputException("ledger " + file + ": cannot be read", e);
    }
    LedgerCheck check = verify(bytes);
    String lost = check.intact() ? lostEntries(bytes, check.entries().size()) : null;
    return lost == null ? check : LedgerCheck.damaged(check.entries(), check.entries().size() + 1, lost);
  }

  /**
   * What the checkpoint this ledger's last append left says it lost, or null. A hash chain shows
   * an edit but not the last entries cut off, nor an older copy put back (a restored backup, a
   * sync conflict): either drops disclosures the accounting must list. The checkpoint knows how
   * many entries there were and the hash of the last; one left beside another ledger (its first
   * line differs) or written before it named the first line proves nothing and is ignored.
   */
  private String lostEntries(byte[] bytes, long count) {
    Checkpoint checkpoint = Checkpoint.read(checkpointFile());
    if (checkpoint == null || checkpoint.firstLineHash() == null || checkpoint.count() <= 0) {
      return null;
    }
    String seen = "its last append here verified " + checkpoint.count() + " entries (" + checkpointFile().getFileName()
        + ")";
    if (bytes.length == 0) {
      return "it is empty or missing, but " + seen + ": it was emptied or removed";
    }
    if (!checkpoint.firstLineHash().equals(lineHash(bytes, 1))) {
      return null;
    }
    if (count < checkpoint.count()) {
      return "it holds " + count + (count == 1 ? " entry" : " entries") + ", but " + seen
          + ": entries were cut from its end, or an older copy was put in its place";
    }
    if (!checkpoint.lastLineHash().equals(lineHash(bytes, checkpoint.count()))) {
      return "its entry " + checkpoint.count() + " is not the one its last append here verified as entry "
          + checkpoint.count() + " (" + checkpointFile().getFileName() + "): an older copy was put in its place"
          + " and appended to";
    }
    return null;
  }

  // The hash of line {@code number} (from 1) of complete ledger bytes, without its line end.
  private static String lineHash(byte[] bytes, long number) {
    int start = 0;
    for (long i = 1; i < number; i++) {
      start = indexOf(bytes, (byte) '\n', start) + 1;
    }
    return sha256(java.util.Arrays.copyOfRange(bytes, start, indexOf(bytes, (byte) '\n', start)));
  }

  private static LedgerCheck verify(byte[] bytes) {
    return verify(bytes, 0, 0, GENESIS);
  }

  // Verifies the lines from offset {@code from} on, which follow {@code before} entries whose last
  // line hashed to {@code previousHash}.
  private static LedgerCheck verify(byte[] bytes, int from, long before, String previousHash) {
    List<LedgerEntry> entries = new ArrayList<>();
    String previous = previousHash;
    boolean sealed = false;  // once a line carries its own hash, every later one must
    int start = from;
    int number = (int) before;
    while (start < bytes.length) {
      number++;
      int end = indexOf(bytes, (byte) '\n', start);
      if (end < 0) {
        return LedgerCheck.damaged(entries, number, "line " + number
            + " is incomplete (the process writing it stopped mid-append); the " + (number - 1)
            + " entries before it verify");
      }
      byte[] line = java.util.Arrays.copyOfRange(bytes, start, end);
      LedgerEntry entry;
      try {
        entry = JSON.readValue(line, LedgerEntry.class);
      } catch (IOException e) {
        return LedgerCheck.damaged(entries, number, "line " + number + " is not a valid entry");
      }
      if (entry.seq() != number) {
        return LedgerCheck.damaged(entries, number, "line " + number + " is out of order (it says it is entry "
            + entry.seq() + ")");
      }
      if (!previous.equals(entry.prev())) {
        return LedgerCheck.damaged(entries, number, "line " + number
            + " does not follow the line before it (an entry was changed, removed or moved)");
      }
      try {
        if (!java.util.Arrays.equals(line, JSON.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8))) {
          return LedgerCheck.damaged(entries, number, "line " + number + " is not in the ledger's exact form");
        }
        if (entry.hash() != null
            && !entry.hash().equals(sha256(JSON.writeValueAsBytes(entry.sealed(null))))) {
          return LedgerCheck.damaged(entries, number, "line " + number + " was changed after it was written"
              + " (its own hash no longer matches)");
        }
      } catch (JsonProcessingException e) {
        return LedgerCheck.damaged(entries, number, "line " + number + " is not a valid entry");
      }
      if (entry.hash() == null && sealed) {
        return LedgerCheck.damaged(entries, number, "line " + number + " lacks the hash of its own that the"
            + " lines before it carry (it was changed after it was written)");
      }
      sealed |= entry.hash() != null;
      previous = sha256(line);
      entries.add(entry);
      start = end + 1;
    }
    return LedgerCheck.ok(entries);
  }

  /**
   * The ledger as an append finds it.
   *
   * @param count its entries
   * @param hash the hash of its last line (GENESIS when empty)
   * @param size its length in bytes
   */
  private record Tail(long count, String hash, long size) {}

  // The count and hash of the last complete line. The first append of a process reads and chains
  // the whole ledger, so it never builds on a damaged one; later appends of the same process read
  // only from the line it last wrote: that line must still be there, byte for byte, and whatever
  // other writers added since is chained from it. An edit further back cannot hide behind later
  // appends (the next line's hash no longer matches; 'ledger verify' names it), so it need not cost
  // a full read on every letter of a batch. Reads go through the locked channel itself: POSIX
  // drops a process's file lock when any other descriptor of the same file is closed.
  private Tail tail(FileChannel channel) throws IOException {
    long size = channel.size();
    Verified known = VERIFIED.get(file);
    if (known != null && size < known.length()) {
      // A hash chain cannot show lost last entries by itself, but this process knows what it wrote.
      throw new InputException("ledger " + file + ": it is shorter than when this run last appended"
          + " (entries were removed); run 'accommodate ledger verify'; nothing was appended");
    }
    if (size == 0) {
      refuseLoss(new byte[0], 0);
      VERIFIED.put(file, new Verified(0, new byte[0], 0, GENESIS, digest(), null));
      return new Tail(0, GENESIS, 0);
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new InputException("ledger " + file + ": too large to read; start a new ledger file");
    }
    if (known != null) {
      long from = known.length() - known.lastLine().length;
      byte[] bytes = read(channel, from, size);
      if (!java.util.Arrays.equals(bytes, 0, known.lastLine().length, known.lastLine(), 0, known.lastLine().length)) {
        // The chain cannot show an edit to its last line, but this process knows what it wrote.
        throw new InputException("ledger " + file + ": the entry this run last appended was changed;"
            + " run 'accommodate ledger verify'; nothing was appended");
      }
      return afterKnown(bytes, known, size);
    }
    byte[] bytes = read(channel, 0, size);
    complete(bytes);
    // When the checkpoint a previous run left says the same first bytes were verified then, only
    // the lines after them are chained now; otherwise (no checkpoint, an edit, a shorter file)
    // every line is. One pass of the digest serves both the check and the next checkpoint.
    MessageDigest whole = digest();
    Checkpoint checkpoint = Checkpoint.read(checkpointFile());
    int from = checkpoint == null ? 0 : checkpoint.coveredLength(bytes, whole);
    whole.update(bytes, from, bytes.length - from);
    long count = from == 0 ? chained(bytes, 0, 0, GENESIS) : chained(bytes, from, checkpoint.count(), checkpoint.lastLineHash());
    if (from == 0) {  // a prefix the checkpoint vouches for lost nothing
      refuseLoss(bytes, count);
    }
    // Remembered at once, so the append that follows checkAppendable() does not chain it all again.
    byte[] lastLine = java.util.Arrays.copyOfRange(bytes, lastLineStart(bytes), bytes.length);
    String hash = lastLineHash(bytes);
    String first = lineHash(bytes, 1);
    VERIFIED.put(file, new Verified((int) size, lastLine, count, hash, copy(whole), first));
    Checkpoint.write(checkpointFile(), new Checkpoint(size, hex(whole.digest()), count, hash, first));
    return new Tail(count, hash, size);
  }

  private void refuseLoss(byte[] bytes, long count) {
    String lost = lostEntries(bytes, count);
    if (lost != null) {
      throw new InputException("ledger " + file + ": " + lost + "; restore the complete ledger (to start a new one"
          + " on purpose, delete " + checkpointFile().getFileName() + " too); nothing was appended");
    }
  }

  // The entries of complete ledger bytes up to the end, chaining the lines from offset {@code from}
  // on after {@code count} entries whose last line hashed to {@code previous}; refuses a break.
  private long chained(byte[] bytes, int from, long count, String previous) {
    LedgerCheck rest = verify(bytes, from, count, previous);
    if (!rest.intact()) {
      throw new InputException("ledger " + file + ": " + rest.problem() + "; nothing was appended");
    }
    return count + rest.entries().size();
  }

  /** Where an append leaves what it verified, for the next run (a cache: 'ledger verify' ignores it). */
  public Path checkpointFile() {
    return file.resolveSibling(file.getFileName() + ".checkpoint");
  }

  /**
   * What a run verified: the ledger's first {@code length} bytes hashed to {@code sha256} and hold
   * {@code count} chained entries, the last of which hashes to {@code lastLineHash}. Hashing those
   * bytes again costs a fraction of parsing and chaining every entry, which a single letter would
   * otherwise pay for the whole ledger. It holds no entry content, only lengths and hashes; the
   * first line's hash tells this ledger's checkpoint from one left beside another (null in
   * checkpoints written before session 22).
   */
  record Checkpoint(long length, String sha256, long count, String lastLineHash, String firstLineHash) {
    // The length of the prefix of {@code bytes} this checkpoint vouches for, with {@code digest}
    // updated over it; 0 and a fresh digest when it vouches for none.
    int coveredLength(byte[] bytes, MessageDigest digest) {
      if (length <= 0 || length > bytes.length || bytes[(int) length - 1] != '\n') {
        return 0;
      }
      digest.update(bytes, 0, (int) length);
      try {
        if (sha256.equals(hex(((MessageDigest) digest.clone()).digest()))) {
          return (int) length;
        }
      } catch (CloneNotSupportedException e) {
        // a provider without clone: verify everything
      }
      digest.reset();
      return 0;
    }

    static Checkpoint read(Path file) {
      try {
        if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
          return null;
        }
        return JSON.readValue(file.toFile(), Checkpoint.class);
      } catch (IOException | RuntimeException e) {
        return null;  // unreadable: verify everything, as without one
      }
    }

    static void write(Path file, Checkpoint checkpoint) {
      try {
        org.accommodate.output.AtomicOutput.write(file, JSON.writeValueAsBytes(checkpoint), true);
      } catch (IOException | RuntimeException e) {
        // Only a cache: the next run verifies more.
      }
    }
  }

  /**
   * Verifies every entry and, when all is intact, leaves a checkpoint for the next run. A batch
   * does this once at its end, warm: its appends wrote none, and the next letter would otherwise
   * parse and chain thousands of entries cold (0.95 s instead of 0.73 s after 1,000 letters).
   * Best effort, like every checkpoint: a damaged ledger is left for the next run to name.
   */
  public void checkpoint() {
    DEFERRED.remove(file);
    if (!Files.exists(file)) {
      return;
    }
    ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
    local.lock();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      byte[] bytes = read(channel, 0, channel.size());
      LedgerCheck check = bytes.length == 0 ? null : verify(bytes);
      if (check == null || !check.intact()) {
        return;
      }
      Checkpoint.write(checkpointFile(),
          new Checkpoint(bytes.length, sha256(bytes), check.entries().size(), lastLineHash(bytes), lineHash(bytes, 1)));
    } catch (IOException | RuntimeException e) {
      // only a cache: the next run verifies everything
    } finally {
      local.unlock();
    }
  }

  /** Forgets what this process verified and wrote to this ledger, as a new process would (tests). */
  void forgetRun() {
    VERIFIED.remove(file);
  }

  // The bytes start with the line this process last wrote; only what follows it is new (other
  // processes' entries), and is chained and added to what this process knows.
  private Tail afterKnown(byte[] bytes, Verified known, long size) {
    int start = known.lastLine().length;
    if (start == bytes.length) {
      return new Tail(known.count(), known.lastLineHash(), size);
    }
    complete(bytes);
    long count = chained(bytes, start, known.count(), known.lastLineHash());
    MessageDigest digest = copy(known.digest());
    digest.update(bytes, start, bytes.length - start);
    String hash = lastLineHash(bytes);
    String first = known.firstLineHash() != null ? known.firstLineHash() : lineHash(bytes, 1);
    VERIFIED.put(file, new Verified((int) size, java.util.Arrays.copyOfRange(bytes, lastLineStart(bytes), bytes.length),
        count, hash, digest, first));
    return new Tail(count, hash, size);
  }

  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 without clone", e);
    }
  }

  private void complete(byte[] bytes) {
    if (bytes[bytes.length - 1] != '\n') {
      throw new InputException("ledger " + file + ": the last entry is incomplete (a crash during an append?);"
          + " run 'accommodate ledger verify'; the ledger is never repaired silently");
    }
  }

  // The hash the next entry's prev holds: of the last line of complete ledger bytes, without its
  // line end.
  private static String lastLineHash(byte[] bytes) {
    return sha256(java.util.Arrays.copyOfRange(bytes, lastLineStart(bytes), bytes.length - 1));
  }

  // Where the last line of complete ledger bytes starts.
  private static int lastLineStart(byte[] bytes) {
    int start = bytes.length - 2;
    while (start >= 0 && bytes[start] != '\n') {
      start--;
    }
    return start + 1;
  }

  private static byte[] read(FileChannel channel, long from, long to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
    while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
      // keep reading until the buffer is full
    }
    return buffer.array();
  }

  // After an append this process knows the ledger up to and including the line it wrote, and
  // leaves that in the checkpoint: without it, a new run could not tell that this last line was
  // cut off again.
  private void remember(FileChannel channel, Tail tail, long count, byte[] line) throws IOException {
    long size = channel.size();
    Verified before = VERIFIED.get(file);
    if (size != tail.size() + line.length || size > Integer.MAX_VALUE - 16 || before == null
        || before.length() != tail.size()) {
      VERIFIED.remove(file);
      return;
    }
    MessageDigest digest = copy(before.digest());
    digest.update(line);
    String hash = sha256(java.util.Arrays.copyOf(line, line.length - 1));
    String first = before.firstLineHash() != null ? before.firstLineHash() : hash;
    VERIFIED.put(file, new Verified((int) size, line, count, hash, digest, first));
    if (!DEFERRED.contains(file)) {
      Checkpoint.write(checkpointFile(), new Checkpoint(size, hex(copy(digest).digest()), count, hash, first));
    }
  }

  /** Until {@link #checkpoint()}, appends by this process leave no checkpoint each (a batch). */
  public void deferCheckpoints() {
    DEFERRED.add(file);
  }

  private static int indexOf(byte[] bytes, byte value, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  /** The hex SHA-256 the ledger records, of a letter file or a signer certificate. */
  public static String sha256(byte[] bytes) {
    return hex(digest().digest(bytes));
  }

  private static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }


}
