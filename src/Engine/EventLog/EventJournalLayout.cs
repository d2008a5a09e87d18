using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Engine.Model;

namespace Engine.EventLog;

/// <summary>
/// The binary event journal: every input event of a paper or live run, in input-ring order, each record framed by
/// its length and a CRC-32C, so a reader finds the end of what was written whole and never trusts a torn or damaged
/// tail. Little-endian throughout.
/// <code>
/// ┌──────────────────────────── header (64 bytes) ──────────────────────────────────────────────┐
/// │ magic "ENGEVJ01" (8) │ version u32 │ symbol count u32 │ first position i64 │ layout (22 bytes):  │
/// │ slot size u32, trade, row, report, command sizes u16×4, payload offset u32, mark price, feed   │
/// │ gap, account update sizes u16×3 │ reserved (to 60) │ CRC-32C u32 (at 60)                      │
/// ├──────────────────────────── symbol table ───────────────────────────────────────────────────┤
/// │ per symbol: length u8 │ ASCII name                              (symbol id = index)          │
/// ├──────────────────────────── records, until the end of the file ─────────────────────────────┤
/// │ body length u32 │ CRC-32C u32 of the length and the body │ body                             │
/// ├──────────────────────────── body ───────────────────────────────────────────────────────────┤
/// │ position i64 │ received timestamp i64 │ kind u8 │ payload (the part of the slot kind names)  │
/// └──────────────────────────────────────────────────────────────────────────────────────────────┘
/// </code>
/// The header CRC covers the header's first 60 bytes and the symbol table. A record's position is its index in the
/// journal (0, 1, 2 …, one more per record, across restarts): the number a snapshot names. The payload is the slot's
/// part as laid out in memory (<see cref="EngineEvent"/> at its shared offset), so the header records the layout's
/// sizes and a reader built with another layout refuses the file instead of misreading it; a kind this build does
/// not name has the whole rest of the slot. Padding bytes inside a part are whatever the slot held, so two journals of
/// the same events may differ there; what they replay to does not.
/// </summary>
public static class EventJournalLayout
{
    public static ReadOnlySpan<byte> Magic => "ENGEVJ01"u8;

    public const uint Version = 1;
    public const int HeaderSize = 64;
    public const int HeaderCrcOffset = 60;

    /// <summary>Bytes of the layout fingerprint in the header (at 24).</summary>
    public const int LayoutSize = 22;

    /// <summary>Length u32 and CRC u32 before each body.</summary>
    public const int FrameSize = 8;

    /// <summary>Position i64, received timestamp i64, kind u8.</summary>
    public const int BodyFixedSize = 17;

    public static int SlotSize { get; } = Unsafe.SizeOf<EngineEvent>();

    /// <summary>Offset of the shared payload in the slot.</summary>
    public static int PayloadOffset { get; } = ComputePayloadOffset();

    /// <summary>The largest record: a kind this build does not name carries the whole rest of the slot.</summary>
    public static int MaxRecordSize => FrameSize + BodyFixedSize + SlotSize - PayloadOffset;

    /// <summary>Bytes of payload a record of <paramref name="kind"/> carries.</summary>
    public static int PayloadSize(EventKind kind) => kind switch
    {
        EventKind.Trade => Unsafe.SizeOf<Trade>(),
        EventKind.AggregatedRow => Unsafe.SizeOf<AggregatedRow>(),
        EventKind.VenueReport => Unsafe.SizeOf<VenueReport>(),
        EventKind.TimerTick or EventKind.VenueThrottled => sizeof(long),
        EventKind.OperatorCommand => Unsafe.SizeOf<OperatorCommand>(),
        EventKind.MarkPrice => Unsafe.SizeOf<MarkPrice>(),
        EventKind.FeedGap => Unsafe.SizeOf<FeedGap>(),
        EventKind.AccountUpdate => Unsafe.SizeOf<AccountUpdate>(),
        _ => SlotSize - PayloadOffset,
    };

    /// <summary>The slot's payload bytes of <paramref name="kind"/>, by reference (no copy).</summary>
    public static Span<byte> PayloadOf(ref EngineEvent slot, EventKind kind) =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Unsafe.As<EngineEvent, byte>(ref slot), PayloadOffset), PayloadSize(kind));

    /// <summary>The whole shared part of the slot, every kind's payload overlaid.</summary>
    public static Span<byte> SharedPartOf(ref EngineEvent slot) =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Unsafe.As<EngineEvent, byte>(ref slot), PayloadOffset), SlotSize - PayloadOffset);

    /// <summary>Header and symbol table of a journal holding <paramref name="symbols"/>, from <paramref name="firstPosition"/>.</summary>
    public static byte[] BuildHeader(IReadOnlyList<string> symbols, long firstPosition)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        using var table = new MemoryStream();
        foreach (string s in symbols)
        {
            byte[] name = Encoding.ASCII.GetBytes(s);
            if (name.Length is 0 or > byte.MaxValue)
            {
                throw new ArgumentException($"symbol '{s}': name must be 1 to 255 ASCII characters", nameof(symbols));
            }

            table.WriteByte((byte)name.Length);
            table.Write(name);
        }

        byte[] bytes = new byte[HeaderSize + table.Length];
        Span<byte> h = bytes;
        Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], (uint)symbols.Count);
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], firstPosition);
        WriteLayout(h[24..(24 + LayoutSize)]);
        table.GetBuffer().AsSpan(0, (int)table.Length).CopyTo(h[HeaderSize..]);
        uint crc = Crc32C.Append(Crc32C.Start, h[..HeaderCrcOffset]);
        crc = Crc32C.Finish(Crc32C.Append(crc, h[HeaderSize..]));
        BinaryPrimitives.WriteUInt32LittleEndian(h[HeaderCrcOffset..], crc);
        return bytes;
    }

    /// <summary>
    /// Encodes one record into <paramref name="destination"/> (at least <see cref="MaxRecordSize"/> bytes); returns its length.
    /// </summary>
    public static int WriteRecord(Span<byte> destination, long position, ref EngineEvent slot)
    {
        EventKind kind = slot.Kind;
        Span<byte> payload = PayloadOf(ref slot, kind);
        int body = BodyFixedSize + payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)body);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], position);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], slot.ReceivedTimestamp);
        destination[24] = (byte)kind;
        payload.CopyTo(destination[(FrameSize + BodyFixedSize)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], RecordCrc(destination[..(FrameSize + body)]));
        return FrameSize + body;
    }

    /// <summary>The CRC-32C of a framed record: its length field and its body (everything but the CRC field itself).</summary>
    public static uint RecordCrc(ReadOnlySpan<byte> record) =>
        Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, record[..4]), record[FrameSize..]));

    /// <summary>The layout fingerprint: slot size and the size of each part this build names.</summary>
    internal static void WriteLayout(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)SlotSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)Unsafe.SizeOf<Trade>());
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)Unsafe.SizeOf<AggregatedRow>());
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], (ushort)Unsafe.SizeOf<VenueReport>());
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], (ushort)Unsafe.SizeOf<OperatorCommand>());
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)PayloadOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[16..], (ushort)Unsafe.SizeOf<MarkPrice>());
        BinaryPrimitives.WriteUInt16LittleEndian(destination[18..], (ushort)Unsafe.SizeOf<FeedGap>());
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], (ushort)Unsafe.SizeOf<AccountUpdate>());
    }

    private static int ComputePayloadOffset()
    {
        EngineEvent e = default;
        return (int)Unsafe.ByteOffset(ref Unsafe.As<EngineEvent, byte>(ref e), ref Unsafe.As<Trade, byte>(ref e.Trade));
    }
}
