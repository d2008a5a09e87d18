using System.Buffers.Binary;
using System.Text;
using Engine.Model;

namespace Engine.Cli.EventLog;

/// <summary>
/// Reads an event journal (<see cref="EventJournalLayout"/>) record by record into input slots. The header must be
/// whole and match this build's layout (<see cref="InvalidDataException"/> otherwise); the records are trusted up to
/// the first one that is cut short, fails its CRC-32C, or does not carry the next position: reading stops there and
/// <see cref="Damage"/> says where and why. The reader never changes the file (<see cref="EventJournal.Recover"/> does).
/// One thread; no allocation per record.
/// </summary>
public sealed class EventJournalReader : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private bool _atEnd;

    private EventJournalReader(FileStream file, string name)
    {
        _file = file;
        FileLength = file.Length;
        (Symbols, FirstPosition, int headerLength) = ReadHeader(file, name);
        NextPosition = FirstPosition;
        ValidLength = headerLength;
        file.Position = headerLength;
    }

    /// <summary>Symbol names; a record's symbol id is an index into this list.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Position of the file's first record.</summary>
    public long FirstPosition { get; }

    /// <summary>Position the next record must carry: after the end, the number of records in the journal from position 0.</summary>
    public long NextPosition { get; private set; }

    /// <summary>Bytes from the start of the file to the end of the last good record read.</summary>
    public long ValidLength { get; private set; }

    public long FileLength { get; }

    /// <summary>Set when reading stopped at a torn or corrupt record; null after a clean end.</summary>
    public JournalDamage? Damage { get; private set; }

    /// <summary>Records read so far.</summary>
    public long Records => NextPosition - FirstPosition;

    public static EventJournalReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        try
        {
            return new EventJournalReader(file, path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next record into <paramref name="slot"/>; false at the end or at damage (see <see cref="Damage"/>).</summary>
    public bool TryRead(ref EngineEvent slot)
    {
        if (_atEnd)
        {
            return false;
        }

        if (!Ensure(EventJournalLayout.FrameSize))
        {
            return Stop(_end - _start == 0 ? null : $"{_end - _start} bytes, too few for a record's length and checksum", torn: true);
        }

        ReadOnlySpan<byte> frame = _buffer.AsSpan(_start);
        uint body = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (body < EventJournalLayout.BodyFixedSize || body > EventJournalLayout.MaxRecordSize - EventJournalLayout.FrameSize)
        {
            return Stop($"length field {body} is no record length ({EventJournalLayout.BodyFixedSize} to {EventJournalLayout.MaxRecordSize - EventJournalLayout.FrameSize})", torn: false);
        }

        int size = EventJournalLayout.FrameSize + (int)body;
        if (!Ensure(size))
        {
            return Stop($"record of {size} bytes cut short after {_end - _start}", torn: true);
        }

        ReadOnlySpan<byte> record = _buffer.AsSpan(_start, size);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        uint actual = EventJournalLayout.RecordCrc(record);
        if (stored != actual)
        {
            return Stop($"CRC-32C {actual:x8} where the record says {stored:x8}", torn: false);
        }

        long position = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
        var kind = (EventKind)record[24];
        if (position != NextPosition)
        {
            return Stop($"carries position {position} where {NextPosition} comes next", torn: false);
        }

        if (kind is EventKind.None or EventKind.EndOfStream || body != EventJournalLayout.BodyFixedSize + EventJournalLayout.PayloadSize(kind))
        {
            return Stop($"kind {(byte)kind} with a body of {body} bytes: no record this build writes", torn: false);
        }

        EventJournalLayout.SharedPartOf(ref slot).Clear(); // nothing stale from the slot's previous event
        slot.Kind = kind;
        slot.ReceivedTimestamp = BinaryPrimitives.ReadInt64LittleEndian(record[16..]);
        record[(EventJournalLayout.FrameSize + EventJournalLayout.BodyFixedSize)..].CopyTo(EventJournalLayout.PayloadOf(ref slot, kind));
        _start += size;
        NextPosition++;
        ValidLength += size;
        return true;
    }

    public void Dispose() => _file.Dispose();

    private bool Stop(string? reason, bool torn)
    {
        _atEnd = true;
        if (reason is not null)
        {
            Damage = new JournalDamage(ValidLength, NextPosition, reason, FileLength - ValidLength) { Torn = torn };
        }

        return false;
    }

    /// <summary>Makes <paramref name="count"/> bytes available from <c>_start</c>; false at the end of the file.</summary>
    private bool Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end < count)
        {
            int n = _file.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                return false;
            }

            _end += n;
        }

        return true;
    }

    private static (IReadOnlyList<string> Symbols, long FirstPosition, int Length) ReadHeader(FileStream file, string name)
    {
        Span<byte> h = stackalloc byte[EventJournalLayout.HeaderSize];
        if (file.ReadAtLeast(h, h.Length, throwOnEndOfStream: false) < h.Length || !h[..8].SequenceEqual(EventJournalLayout.Magic))
        {
            throw new InvalidDataException($"{name}: no event journal header (ENGEVJ01, {EventJournalLayout.HeaderSize} bytes)");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(h[8..]);
        if (version != EventJournalLayout.Version)
        {
            throw new InvalidDataException($"{name}: event journal version {version}; this build reads version {EventJournalLayout.Version}");
        }

        Span<byte> layout = stackalloc byte[16];
        EventJournalLayout.WriteLayout(layout);
        if (!h[12..28].SequenceEqual(layout))
        {
            throw new InvalidDataException($"{name}: written by a build whose event slot layout differs from this one's (slot {BinaryPrimitives.ReadUInt32LittleEndian(h[12..])} bytes, this build {EventJournalLayout.SlotSize}): replay it with the build that wrote it");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(h[28..]);
        long first = BinaryPrimitives.ReadInt64LittleEndian(h[32..]);
        if (count > ushort.MaxValue || first < 0)
        {
            throw new InvalidDataException($"{name}: event journal header damaged (symbol count {count}, first position {first})");
        }

        uint crc = Crc32C.Append(Crc32C.Start, h[..EventJournalLayout.HeaderCrcOffset]);
        var symbols = new List<string>((int)count);
        Span<byte> name8 = stackalloc byte[byte.MaxValue];
        for (int i = 0; i < count; i++)
        {
            int length = file.ReadByte();
            if (length <= 0 || file.ReadAtLeast(name8[..length], length, throwOnEndOfStream: false) < length)
            {
                throw new InvalidDataException($"{name}: event journal symbol table cut short or damaged at symbol {i}");
            }

            crc = Crc32C.Append(crc, [(byte)length]);
            crc = Crc32C.Append(crc, name8[..length]);
            symbols.Add(Encoding.ASCII.GetString(name8[..length]));
        }

        if (Crc32C.Finish(crc) != BinaryPrimitives.ReadUInt32LittleEndian(h[EventJournalLayout.HeaderCrcOffset..]))
        {
            throw new InvalidDataException($"{name}: event journal header fails its CRC-32C: damaged");
        }

        return (symbols, first, (int)file.Position);
    }
}
