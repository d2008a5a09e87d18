using System.Runtime.InteropServices;

namespace Engine.Binance.Recording;

/// <summary>
/// Engine's binary trade recording: the fastest input to replay. Little-endian, fixed-size records in checksummed
/// blocks, so a reader maps a block of bytes straight onto records with no parsing, and a flipped bit or a cut file is
/// an error naming the offset, never a wrong value.
/// <code>
/// ┌──────────────────────────── header (64 bytes) ─────────────────────────────┐
/// │ magic "ENGREC01" (8) │ version u32 (2) │ record size u32 │ symbol count u32 │
/// │ max block records u32 │ reserved (to 60) │ header CRC-32 u32 (at 60)          │
/// ├──────────────────────────── symbol table ──────────────────────────────────┤
/// │ per symbol: length u8 │ ASCII name (length bytes)     (symbol id = index)   │
/// ├──────────────────────────── blocks, until the end of the file ─────────────┤
/// │ record count u32 │ CRC-32 of the records u32 │ records (count × RecordSize) │
/// ├──────────────────────────── record (RecordSize bytes) ─────────────────────┤
/// │ id i64 │ first id i64 │ last id i64 │ price e8 i64 │ qty e8 i64 │           │
/// │ trade time ms i64 │ event time ms i64 │ symbol u16 │ flags u8 │ type u8 │ pad│
/// └─────────────────────────────────────────────────────────────────────────────┘
/// The header CRC-32 covers the header's first 60 bytes and the symbol table. flags: bit 0 buyer is maker, bit 1
/// aggregate trade. Version 1 (no checksums, records straight after the symbol table) is refused with a message
/// asking to convert the source again.
/// </code>
/// </summary>
public static class RecordingLayout
{
    public static ReadOnlySpan<byte> Magic => "ENGREC01"u8;

    public const uint Version = 2;
    public const int HeaderSize = 64;

    /// <summary>Offset of the header CRC-32 (over the header before it and the symbol table).</summary>
    public const int HeaderCrcOffset = 60;

    /// <summary>Bytes before each block's records: record count u32, CRC-32 u32.</summary>
    public const int BlockHeaderSize = 8;

    /// <summary>Most records one block may hold (a reader's buffer); the writer writes blocks of up to 4,096.</summary>
    public const int MaxBlockRecords = 8192;
    public const byte BuyerIsMakerFlag = 1;
    public const byte AggregateFlag = 2;

    public static int RecordSize => Marshal.SizeOf<RecordedTrade>();
}

/// <summary>One trade as stored in a recording (see <see cref="RecordingLayout"/>).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 8, Size = 64)]
public struct RecordedTrade
{
    public long Id;
    public long FirstTradeId;
    public long LastTradeId;
    public long PriceE8;
    public long QuantityE8;
    public long TradeTimeMs;
    public long EventTimeMs;
    public ushort Symbol;
    public byte Flags;
    public byte TradeType;
}
