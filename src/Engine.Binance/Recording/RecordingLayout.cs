using System.Runtime.InteropServices;

namespace Engine.Binance.Recording;

/// <summary>
/// Engine's binary trade recording: the fastest input to replay. Little-endian, fixed-size records, so a reader maps
/// a block of bytes straight onto records with no parsing.
/// <code>
/// ┌──────────────────────────── header (64 bytes) ─────────────────────────────┐
/// │ magic "ENGREC01" (8) │ version u32 │ record size u32 │ symbol count u32 │
/// │ reserved (to 64)                                                            │
/// ├──────────────────────────── symbol table ──────────────────────────────────┤
/// │ per symbol: length u8 │ ASCII name (length bytes)     (symbol id = index)   │
/// ├──────────────────────────── records (RecordSize bytes each) ───────────────┤
/// │ id i64 │ first id i64 │ last id i64 │ price e8 i64 │ qty e8 i64 │           │
/// │ trade time ms i64 │ event time ms i64 │ symbol u16 │ flags u8 │ type u8 │ pad│
/// └─────────────────────────────────────────────────────────────────────────────┘
/// flags: bit 0 buyer is maker, bit 1 aggregate trade.
/// </code>
/// </summary>
public static class RecordingLayout
{
    public static ReadOnlySpan<byte> Magic => "ENGREC01"u8;

    public const uint Version = 1;
    public const int HeaderSize = 64;
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
