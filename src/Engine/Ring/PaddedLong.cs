using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// A 64-bit value with 128 bytes of padding on either side, so that no other hot field shares its cache line
/// (or the adjacent line the CPU prefetches with it). Used wherever two threads meet: cursors and consumer sequences.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = PaddedLong.SizeBytes)]
internal struct PaddedLong
{
    public const int PaddingBytes = 128;
    public const int SizeBytes = PaddingBytes + sizeof(long) + PaddingBytes;

    [FieldOffset(PaddingBytes)]
    public long Value;
}
