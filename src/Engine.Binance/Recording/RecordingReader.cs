using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Engine.Model;

namespace Engine.Binance.Recording;

/// <summary>
/// Reads a binary recording into input-ring slots, a block of records at a time. With <c>repeat</c> &gt; 1 it plays the
/// recording back to back, shifting times and ids by the span of one pass so the stream stays continuous.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    private const int BlockRecords = 8192;
    private readonly Stream _stream;
    private readonly long _dataStart;
    private readonly RecordedTrade[] _block = new RecordedTrade[BlockRecords];
    private readonly int _repeat;
    private int _blockCount;
    private int _blockIndex;
    private int _pass;
    private long _timeShiftMs;
    private long _firstTimeMs = long.MinValue;
    private long _lastTimeMs;

    // Per recorded symbol: id range of one pass and the shift applied in the current pass, so each symbol's ids stay
    // contiguous across passes (a gap detector sees one continuous stream).
    private long[] _minId = [];
    private long[] _maxId = [];
    private long[] _idShift = [];

    public RecordingReader(Stream stream, int repeat = 1)
    {
        if (!stream.CanSeek && repeat > 1)
        {
            throw new ArgumentException("repeating a recording needs a seekable stream", nameof(stream));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        _stream = stream;
        _repeat = repeat;
        Span<byte> header = stackalloc byte[RecordingLayout.HeaderSize];
        stream.ReadExactly(header);
        if (!header[..8].SequenceEqual(RecordingLayout.Magic))
        {
            throw new InvalidDataException("not an Engine recording (bad magic)");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        uint recordSize = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (version != RecordingLayout.Version || recordSize != RecordingLayout.RecordSize)
        {
            throw new InvalidDataException($"unsupported recording version {version} / record size {recordSize}");
        }

        int symbolCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        var symbols = new string[symbolCount];
        Span<byte> name = stackalloc byte[255];
        for (int i = 0; i < symbolCount; i++)
        {
            int length = stream.ReadByte();
            if (length <= 0)
            {
                throw new InvalidDataException("truncated symbol table");
            }

            stream.ReadExactly(name[..length]);
            symbols[i] = Encoding.ASCII.GetString(name[..length]);
        }

        Symbols = symbols;
        _minId = new long[symbolCount];
        _maxId = new long[symbolCount];
        _idShift = new long[symbolCount];
        Array.Fill(_minId, long.MaxValue);
        Array.Fill(_maxId, long.MinValue);
        _dataStart = stream.CanSeek ? stream.Position : 0;
    }

    /// <summary>Symbol names by id as written in the recording.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Records delivered so far, over all passes.</summary>
    public long Delivered { get; private set; }

    /// <summary>Bytes at the end of the file that did not make a whole record (a truncated write).</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>
    /// Fills the next trade into <paramref name="slot"/>, mapping the recording's symbol index through
    /// <paramref name="symbolMap"/> (recording index → engine id); false at the end of the last pass.
    /// </summary>
    public bool TryReadNext(ref EngineEvent slot, ReadOnlySpan<SymbolId> symbolMap)
    {
        if (_blockIndex == _blockCount && !FillBlock())
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

    private bool FillBlock()
    {
        while (true)
        {
            Span<byte> bytes = MemoryMarshal.AsBytes(_block.AsSpan());
            int read = _stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            int whole = read / RecordingLayout.RecordSize;
            if (_pass == 0 && read % RecordingLayout.RecordSize != 0)
            {
                TruncatedBytes += read % RecordingLayout.RecordSize;
            }

            if (whole > 0)
            {
                if (_pass == 0)
                {
                    TrackSpan(whole);
                }

                _blockCount = whole;
                _blockIndex = 0;
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

            _stream.Position = _dataStart;
        }
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
            if (r.Symbol >= _minId.Length)
            {
                throw new InvalidDataException($"record {Delivered + i} names symbol {r.Symbol}, but the table has {_minId.Length}");
            }

            _minId[r.Symbol] = Math.Min(_minId[r.Symbol], Math.Min(r.Id, r.FirstTradeId));
            _maxId[r.Symbol] = Math.Max(_maxId[r.Symbol], Math.Max(r.Id, r.LastTradeId));
        }
    }
}
