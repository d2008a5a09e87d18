using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Engine.Model;

namespace Engine.Binance.Recording;

/// <summary>
/// Reads a binary recording (<see cref="RecordingLayout"/>) into input-ring slots, a checksummed block of records at a
/// time. A block whose checksum fails, a record naming no recorded symbol, a cut block or a damaged header is an
/// <see cref="InvalidDataException"/> naming the file and the byte offset; the blocks before it were delivered. With
/// <c>repeat</c> &gt; 1 it plays the recording back to back, shifting times and ids by the span of one pass so the
/// stream stays continuous. A recording of at most <see cref="RetainLimitBytes"/> is checked once, on the first pass,
/// and its records kept in memory for the later passes (no second read, no second checksum); a larger one is read
/// and checked again on every pass.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    /// <summary>The largest recording (in record bytes) whose records a repeating reader keeps in memory after the first pass.</summary>
    public const long RetainLimitBytes = 64L << 20;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly long _dataStart;
    private readonly int _repeat;

    // The records being delivered: one block read from the stream, or, on a repeat pass, every record of the first
    // pass (_retained). The first pass copies each checked block into _retained while it has room.
    private RecordedTrade[] _block = new RecordedTrade[RecordingLayout.MaxBlockRecords];
    private RecordedTrade[]? _retained;
    private int _retainedCount;
    private bool _fromMemory;
    private int _blockCount;
    private int _blockIndex;
    private int _pass;
    private long _offset;
    private long _timeShiftMs;
    private long _firstTimeMs = long.MinValue;
    private long _lastTimeMs;

    // Per recorded symbol: id range of one pass and the shift applied in the current pass, so each symbol's ids stay
    // contiguous across passes (a gap detector sees one continuous stream).
    private readonly long[] _minId;
    private readonly long[] _maxId;
    private readonly long[] _idShift;

    /// <param name="stream">The recording; it must be seekable when <paramref name="repeat"/> is above 1.</param>
    /// <param name="repeat">Passes to play back to back.</param>
    /// <param name="name">The file's name for error messages.</param>
    /// <param name="retainLimitBytes">Keep the first pass's records in memory for the repeats when they take at most this many bytes.</param>
    public RecordingReader(Stream stream, int repeat = 1, string? name = null, long retainLimitBytes = RetainLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek && repeat > 1)
        {
            throw new ArgumentException("repeating a recording needs a seekable stream", nameof(stream));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        _stream = stream;
        _repeat = repeat;
        _name = name ?? "recording";
        Span<byte> header = stackalloc byte[RecordingLayout.HeaderSize];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            throw Corrupt(0, "shorter than a recording header");
        }

        if (!header[..8].SequenceEqual(RecordingLayout.Magic))
        {
            throw Corrupt(0, "not an Engine recording (bad magic)");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        uint recordSize = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (version == 1)
        {
            throw new InvalidDataException($"{_name}: recording format version 1 (no checksums) is no longer read; convert its source files again with 'engine convert'");
        }

        if (version != RecordingLayout.Version || recordSize != RecordingLayout.RecordSize)
        {
            throw Corrupt(8, $"unsupported recording version {version} / record size {recordSize} (this engine reads version {RecordingLayout.Version} with {RecordingLayout.RecordSize}-byte records; a damaged header reads the same)");
        }

        uint symbolCount = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        if (symbolCount is 0 or > ushort.MaxValue)
        {
            throw Corrupt(16, $"symbol count {symbolCount} out of range");
        }

        var crc = new Crc32();
        crc.Append(header[..RecordingLayout.HeaderCrcOffset]);
        var symbols = new string[symbolCount];
        Span<byte> entry = stackalloc byte[256];
        long offset = RecordingLayout.HeaderSize;
        for (int i = 0; i < symbols.Length; i++)
        {
            int length = stream.ReadByte();
            if (length <= 0 || stream.ReadAtLeast(entry.Slice(1, length), length, throwOnEndOfStream: false) < length)
            {
                throw Corrupt(offset, "symbol table cut or damaged");
            }

            entry[0] = (byte)length;
            crc.Append(entry[..(length + 1)]);
            symbols[i] = Encoding.ASCII.GetString(entry.Slice(1, length));
            offset += 1 + length;
        }

        if (crc.GetCurrentHashAsUInt32() != BinaryPrimitives.ReadUInt32LittleEndian(header[RecordingLayout.HeaderCrcOffset..]))
        {
            throw Corrupt(0, "header or symbol table checksum mismatch (the file is damaged)");
        }

        Symbols = symbols;
        _minId = new long[symbolCount];
        _maxId = new long[symbolCount];
        _idShift = new long[symbolCount];
        Array.Fill(_minId, long.MaxValue);
        Array.Fill(_maxId, long.MinValue);
        _dataStart = offset;
        _offset = offset;
        if (repeat > 1)
        {
            long recordBytesBound = stream.Length - offset; // block headers included: an upper bound of the records' bytes
            if (recordBytesBound <= retainLimitBytes)
            {
                _retained = new RecordedTrade[recordBytesBound / RecordingLayout.RecordSize];
            }
        }
    }

    /// <summary>True while the records of the first pass are kept in memory for the repeats (a small enough recording).</summary>
    public bool RetainsRecords => _retained is not null;

    /// <summary>Symbol names by id as written in the recording.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Records delivered so far, over all passes.</summary>
    public long Delivered { get; private set; }

    /// <summary>
    /// Fills the next trade into <paramref name="slot"/>, mapping the recording's symbol index through
    /// <paramref name="symbolMap"/> (recording index → engine id); false at the end of the last pass.
    /// </summary>
    public bool TryReadNext(ref EngineEvent slot, ReadOnlySpan<SymbolId> symbolMap)
    {
        if (_blockIndex == _blockCount && !NextBlock())
        {
            return false;
        }

        ref readonly RecordedTrade r = ref _block[_blockIndex++];
        slot.Kind = EventKind.Trade;
        ref Trade t = ref slot.Trade;
        long idShift = _idShift[r.Symbol];
        t.Symbol = symbolMap[r.Symbol];
        t.Id = r.Id + idShift;
        t.FirstTradeId = r.FirstTradeId + idShift;
        t.LastTradeId = r.LastTradeId + idShift;
        t.Price = new Price(r.PriceE8);
        t.Quantity = new Quantity(r.QuantityE8);
        t.TradeTimeMs = r.TradeTimeMs + _timeShiftMs;
        t.EventTimeMs = r.EventTimeMs + _timeShiftMs;
        t.BuyerIsMaker = (r.Flags & RecordingLayout.BuyerIsMakerFlag) != 0;
        t.IsAggregate = (r.Flags & RecordingLayout.AggregateFlag) != 0;
        t.Type = (TradeType)r.TradeType;
        Delivered++;
        return true;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// When set, a cut or corrupt block (or an I/O error reading it) ends the reading instead of throwing: the reads
    /// return false from there and <see cref="InputError"/> says why. The check is made once per block, so the per-trade
    /// path has no exception handling in it (a replay's feed thread runs it 20 M times a second).
    /// </summary>
    public bool KeepInputErrors { get; set; }

    /// <summary>What ended the reading early, with <see cref="KeepInputErrors"/>; null otherwise.</summary>
    public Exception? InputError { get; private set; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NextBlock()
    {
        if (!KeepInputErrors)
        {
            return FillBlock();
        }

        if (InputError is not null)
        {
            return false;
        }

        try
        {
            return FillBlock();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            InputError = e;
            return false;
        }
    }

    private bool FillBlock()
    {
        while (true)
        {
            if (!_fromMemory && ReadBlock())
            {
                return true;
            }

            if (++_pass >= _repeat || _firstTimeMs == long.MinValue)
            {
                return false;
            }

            // Next pass starts one millisecond after the previous pass ended; each symbol's ids continue right after
            // its previous maximum.
            _timeShiftMs = (_lastTimeMs - _firstTimeMs + 1) * _pass;
            for (int s = 0; s < _idShift.Length; s++)
            {
                _idShift[s] = _maxId[s] >= _minId[s] ? (_maxId[s] - _minId[s] + 1) * _pass : 0;
            }

            if (_retained is not null)
            {
                // Checked on the first pass already: deliver the kept records as they are.
                _fromMemory = true;
                _block = _retained;
                _blockCount = _retainedCount;
                _blockIndex = 0;
                return true;
            }

            _stream.Position = _dataStart;
            _offset = _dataStart;
        }
    }

    /// <summary>Reads and checks the next block; false at the end of the file (a clean end: no partial block).</summary>
    private bool ReadBlock()
    {
        Span<byte> blockHeader = stackalloc byte[RecordingLayout.BlockHeaderSize];
        int got = _stream.ReadAtLeast(blockHeader, blockHeader.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            return false;
        }

        long blockOffset = _offset;
        if (got < blockHeader.Length)
        {
            throw Corrupt(blockOffset, $"cut: {got} bytes of a block header, then the end of the file");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(blockHeader);
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(blockHeader[4..]);
        if (count is 0 or > RecordingLayout.MaxBlockRecords)
        {
            throw Corrupt(blockOffset, $"block record count {count} out of range (the file is damaged)");
        }

        Span<byte> bytes = MemoryMarshal.AsBytes(_block.AsSpan(0, (int)count));
        int read = _stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read < bytes.Length)
        {
            throw Corrupt(blockOffset, $"cut: the block of {count} records ends after {read} of its {bytes.Length} bytes");
        }

        if (Crc32.HashToUInt32(bytes) != expected)
        {
            throw Corrupt(blockOffset, $"block of {count} records fails its checksum (the file is damaged)");
        }

        _offset += blockHeader.Length + bytes.Length;
        for (int i = 0; i < (int)count; i++)
        {
            ref readonly RecordedTrade r = ref _block[i];
            if (r.Symbol >= _minId.Length || r.PriceE8 <= 0 || r.QuantityE8 <= 0 || r.Flags > 3)
            {
                throw Corrupt(blockOffset + blockHeader.Length + ((long)i * RecordingLayout.RecordSize), $"record with symbol {r.Symbol} of {_minId.Length}, price {r.PriceE8}, quantity {r.QuantityE8}, flags {r.Flags}: not a trade");
            }
        }

        if (_pass == 0)
        {
            TrackSpan((int)count);
            Retain((int)count);
        }

        _blockCount = (int)count;
        _blockIndex = 0;
        return true;
    }

    private void Retain(int count)
    {
        if (_retained is null)
        {
            return;
        }

        if (_retainedCount + count > _retained.Length)
        {
            _retained = null; // the file grew while it was read: read it again on every pass instead
            return;
        }

        Array.Copy(_block, 0, _retained, _retainedCount, count);
        _retainedCount += count;
    }

    private void TrackSpan(int count)
    {
        for (int i = 0; i < count; i++)
        {
            ref readonly RecordedTrade r = ref _block[i];
            if (_firstTimeMs == long.MinValue)
            {
                _firstTimeMs = r.TradeTimeMs;
            }

            _lastTimeMs = Math.Max(_lastTimeMs, r.TradeTimeMs);
            _minId[r.Symbol] = Math.Min(_minId[r.Symbol], Math.Min(r.Id, r.FirstTradeId));
            _maxId[r.Symbol] = Math.Max(_maxId[r.Symbol], Math.Max(r.Id, r.LastTradeId));
        }
    }

    private InvalidDataException Corrupt(long offset, string what) => new($"{_name}: at byte {offset}: {what}");
}
