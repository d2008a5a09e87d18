namespace Engine.Binance.Live.Orders;

/// <summary>Lowercase hex of raw bytes into ASCII bytes, without allocating.</summary>
internal static class HexText
{
    public static int WriteLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < source.Length * 2)
        {
            throw new ArgumentException("destination too small for the hex text", nameof(destination));
        }

        for (int i = 0; i < source.Length; i++)
        {
            destination[2 * i] = Digit(source[i] >> 4);
            destination[(2 * i) + 1] = Digit(source[i] & 0xF);
        }

        return source.Length * 2;
    }

    private static byte Digit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
