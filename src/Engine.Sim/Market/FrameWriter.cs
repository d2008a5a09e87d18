using System.Text;

namespace Engine.Sim.Market;

/// <summary>
/// Appends JSON text to a growable UTF-8 buffer the way Binance prints its market frames: integers as numbers,
/// prices and quantities as strings padded to a fixed number of decimals ("61800.30"). Cold code: frames are
/// built once, before the tape plays.
/// </summary>
internal sealed class FrameWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public void Clear() => _length = 0;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public FrameWriter Raw(string ascii)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(ascii.Length));
        _length += Encoding.UTF8.GetBytes(ascii, _buffer.AsSpan(_length));
        return this;
    }

    public FrameWriter Raw(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
        return this;
    }

    public FrameWriter Number(long value)
    {
        Ensure(24);
        value.TryFormat(_buffer.AsSpan(_length), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public FrameWriter Bool(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>A fixed-point (10^-8) value as a JSON string with exactly <paramref name="decimals"/> decimals (0 to 8).</summary>
    public FrameWriter Decimal(long e8, int decimals)
    {
        Ensure(32);
        Span<byte> b = _buffer.AsSpan(_length);
        int n = 0;
        b[n++] = (byte)'"';
        n += FormatDecimal(e8, decimals, b[n..]);
        b[n++] = (byte)'"';
        _length += n;
        return this;
    }

    /// <summary>Writes <paramref name="e8"/> with exactly <paramref name="decimals"/> decimals (truncating finer digits).</summary>
    internal static int FormatDecimal(long e8, int decimals, Span<byte> destination)
    {
        int n = 0;
        if (e8 < 0)
        {
            destination[n++] = (byte)'-';
            e8 = -e8;
        }

        long integer = e8 / Model.FixedPoint.Scale;
        long fraction = e8 % Model.FixedPoint.Scale;
        integer.TryFormat(destination[n..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        n += written;
        if (decimals > 0)
        {
            destination[n++] = (byte)'.';
            long divisor = Model.FixedPoint.Scale / 10;
            for (int i = 0; i < decimals; i++)
            {
                destination[n++] = (byte)('0' + (fraction / divisor));
                fraction %= divisor;
                divisor /= 10;
            }
        }

        return n;
    }

    /// <summary>A decimal as a C# string (REST answers).</summary>
    internal static string DecimalText(long e8, int decimals)
    {
        Span<byte> b = stackalloc byte[32];
        int n = FormatDecimal(e8, decimals, b);
        return Encoding.ASCII.GetString(b[..n]);
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
