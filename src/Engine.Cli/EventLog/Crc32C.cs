using System.Buffers.Binary;
using System.Numerics;

namespace Engine.Cli.EventLog;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF), the checksum of
/// iSCSI (RFC 3720) and of most write-ahead logs; computed with the CPU's CRC32 instruction where it has one
/// (<see cref="BitOperations.Crc32C(uint, ulong)"/> falls back to software otherwise). Allocation-free.
/// </summary>
public static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>The running value before any byte.</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>Adds <paramref name="data"/> to a running value (start with <see cref="Start"/>, end with <see cref="Finish"/>).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }

    public static uint Finish(uint crc) => ~crc;
}
