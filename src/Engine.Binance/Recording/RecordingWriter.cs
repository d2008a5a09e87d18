using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Engine.Model;

namespace Engine.Binance.Recording;

/// <summary>Writes trades into a binary recording (<see cref="RecordingLayout"/>), in checksummed blocks. The symbol table is fixed when the writer is created.</summary>
public sealed class RecordingWriter : IDisposable
{
    private const int BatchRecords = 4096;
    private readonly Stream _stream;
    private readonly RecordedTrade[] _batch = new RecordedTrade[BatchRecords];
    private int _pending;

    public RecordingWriter(Stream stream, IReadOnlyList<string> symbols)
    {
        if (symbols.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"a recording holds at most {ushort.MaxValue} symbols", nameof(symbols));
        }

        _stream = stream;
        var table = new MemoryStream();
        foreach (string symbol in symbols)
        {
            byte[] name = Encoding.ASCII.GetBytes(symbol.ToUpperInvariant());
            if (name.Length is 0 or > 255)
            {
                throw new ArgumentException($"symbol name '{symbol}' must be 1 to 255 ASCII characters", nameof(symbols));
            }

            table.WriteByte((byte)name.Length);
            table.Write(name);
        }

        Span<byte> header = stackalloc byte[RecordingLayout.HeaderSize];
        header.Clear();
        RecordingLayout.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], RecordingLayout.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)RecordingLayout.RecordSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)symbols.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], RecordingLayout.MaxBlockRecords);
        var crc = new Crc32();
        crc.Append(header[..RecordingLayout.HeaderCrcOffset]);
        crc.Append(table.GetBuffer().AsSpan(0, (int)table.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(header[RecordingLayout.HeaderCrcOffset..], crc.GetCurrentHashAsUInt32());
        _stream.Write(header);
        _stream.Write(table.GetBuffer().AsSpan(0, (int)table.Length));
    }

    public long Count { get; private set; }

    public void Write(in Trade trade)
    {
        ref RecordedTrade r = ref _batch[_pending];
        r.Id = trade.Id;
        r.FirstTradeId = trade.FirstTradeId;
        r.LastTradeId = trade.LastTradeId;
        r.PriceE8 = trade.Price.E8;
        r.QuantityE8 = trade.Quantity.E8;
        r.TradeTimeMs = trade.TradeTimeMs;
        r.EventTimeMs = trade.EventTimeMs;
        r.Symbol = (ushort)trade.Symbol.Value;
        r.Flags = (byte)((trade.BuyerIsMaker ? RecordingLayout.BuyerIsMakerFlag : 0) | (trade.IsAggregate ? RecordingLayout.AggregateFlag : 0));
        r.TradeType = (byte)trade.Type;
        Count++;
        if (++_pending == BatchRecords)
        {
            FlushBatch();
        }
    }

    public void Flush()
    {
        FlushBatch();
        _stream.Flush();
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }

    private void FlushBatch()
    {
        if (_pending == 0)
        {
            return;
        }

        ReadOnlySpan<byte> records = MemoryMarshal.AsBytes(_batch.AsSpan(0, _pending));
        Span<byte> blockHeader = stackalloc byte[RecordingLayout.BlockHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(blockHeader, (uint)_pending);
        BinaryPrimitives.WriteUInt32LittleEndian(blockHeader[4..], Crc32.HashToUInt32(records));
        _stream.Write(blockHeader);
        _stream.Write(records);
        _pending = 0;
    }
}
