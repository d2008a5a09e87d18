namespace Engine.Cli.Journal;

/// <summary>
/// Python's <c>repr(float)</c> (what <c>json.dumps</c> writes): the shortest digits that round-trip, in fixed notation
/// when the decimal exponent is in [-4, 16), else <c>d.ddde±XX</c>; integral values keep <c>.0</c> (<c>88.0</c>),
/// small and huge ones look like <c>1e-05</c> and <c>1e+16</c>; NaN and infinities as json.dumps writes them.
/// </summary>
public static class PythonFloatFormat
{
    /// <summary>Longest output: sign, 17 digits, '.', "e-308"; and the fixed form pads at most 16 zeros.</summary>
    public const int MaxLength = 40;

    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (double.IsNaN(value))
        {
            return Copy("NaN"u8, destination, out written);
        }

        if (double.IsInfinity(value))
        {
            return Copy(value > 0 ? "Infinity"u8 : "-Infinity"u8, destination, out written);
        }

        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        var output = new Writer(destination);
        if (negative)
        {
            output.Put((byte)'-');
        }

        if (value == 0)
        {
            output.Put("0.0"u8);
            written = output.Position;
            return !output.Overflow;
        }

        // The shortest digits that read back as the value, as text: value = 0.DIGITS × 10^point.
        ShortestDecimal.Decompose(value, out ulong mantissa, out int exponent);
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        Span<byte> digits = stackalloc byte[20];
        int start = digits.Length;
        do
        {
            digits[--start] = (byte)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }
        while (mantissa != 0);

        ReadOnlySpan<byte> d = digits[start..];
        int point = d.Length + exponent;
        if (point <= -4 || point > 16)
        {
            output.Put(d[0]);
            if (d.Length > 1)
            {
                output.Put((byte)'.');
                output.Put(d[1..]);
            }

            int e = point - 1;
            output.Put((byte)'e');
            output.Put(e < 0 ? (byte)'-' : (byte)'+');
            e = Math.Abs(e);
            if (e >= 100)
            {
                output.Put((byte)('0' + (e / 100)));
            }

            output.Put((byte)('0' + (e / 10 % 10)));
            output.Put((byte)('0' + (e % 10)));
        }
        else if (point <= 0)
        {
            output.Put("0."u8);
            output.Zeros(-point);
            output.Put(d);
        }
        else if (point >= d.Length)
        {
            output.Put(d);
            output.Zeros(point - d.Length);
            output.Put(".0"u8);
        }
        else
        {
            output.Put(d[..point]);
            output.Put((byte)'.');
            output.Put(d[point..]);
        }

        written = output.Position;
        return !output.Overflow;
    }

    /// <summary>Cold convenience for tests and reports.</summary>
    public static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        TryFormat(value, buffer, out int written);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    private static bool Copy(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
    {
        written = 0;
        if (!text.TryCopyTo(destination))
        {
            return false;
        }

        written = text.Length;
        return true;
    }

    private ref struct Writer(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Position;
        public bool Overflow;

        public void Put(byte b)
        {
            if (Position < _destination.Length)
            {
                _destination[Position++] = b;
            }
            else
            {
                Overflow = true;
            }
        }

        public void Put(scoped ReadOnlySpan<byte> bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                Put(bytes[i]);
            }
        }

        public void Zeros(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Put((byte)'0');
            }
        }
    }
}
