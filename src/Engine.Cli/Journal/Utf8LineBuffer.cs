using Engine.Model;

namespace Engine.Cli.Journal;

/// <summary>
/// A reused byte buffer that one journal line is formatted into, then written with a single call; after the first
/// lines it never allocates. Single-threaded (the journal thread).
/// </summary>
public sealed class Utf8LineBuffer
{
    private byte[] _bytes;
    private int _length;

    public Utf8LineBuffer(int capacity = 512) => _bytes = new byte[capacity];

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public int Length => _length;

    public void Clear() => _length = 0;

    public void Append(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_bytes.AsSpan(_length));
        _length += utf8.Length;
    }

    public void Append(byte b)
    {
        Ensure(1);
        _bytes[_length++] = b;
    }

    public void Append(long value)
    {
        Ensure(20);
        value.TryFormat(_bytes.AsSpan(_length), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Exact decimal text of a 10^-8 fixed-point value (no trailing zeros).</summary>
    public void AppendFixedPoint(long e8)
    {
        Ensure(24);
        FixedPoint.TryFormat(e8, _bytes.AsSpan(_length), out int written);
        _length += written;
    }

    /// <summary>Python's repr of a float (see <see cref="PythonFloatFormat"/>).</summary>
    public void AppendPythonFloat(double value)
    {
        Ensure(PythonFloatFormat.MaxLength);
        PythonFloatFormat.TryFormat(value, _bytes.AsSpan(_length), out int written);
        _length += written;
    }

    /// <summary>UTC ISO 8601 <c>2024-08-08T23:58:00Z</c>; a sub-second part, if any, as <c>.fff</c>.</summary>
    public void AppendIsoTimestamp(long unixMs) => AppendIsoTimestamp(unixMs, alwaysMilliseconds: false);

    /// <summary>UTC ISO 8601 with the milliseconds always written: <c>2024-08-08T23:58:00.000Z</c>.</summary>
    public void AppendIsoTimestampMilliseconds(long unixMs) => AppendIsoTimestamp(unixMs, alwaysMilliseconds: true);

    private void AppendIsoTimestamp(long unixMs, bool alwaysMilliseconds)
    {
        Ensure(24);
        var t = DateTime.UnixEpoch.AddMilliseconds(unixMs);
        DateOnly.FromDateTime(t).Deconstruct(out int year, out int month, out int day); // the calendar once, not per part
        Digits(year, 4);
        Append((byte)'-');
        Digits(month, 2);
        Append((byte)'-');
        Digits(day, 2);
        Append((byte)'T');
        Digits(t.Hour, 2);
        Append((byte)':');
        Digits(t.Minute, 2);
        Append((byte)':');
        Digits(t.Second, 2);
        if (alwaysMilliseconds || t.Millisecond != 0)
        {
            Append((byte)'.');
            Digits(t.Millisecond, 3);
        }

        Append((byte)'Z');
    }

    private void Digits(int value, int width)
    {
        Ensure(width);
        for (int i = width - 1; i >= 0; i--)
        {
            _bytes[_length + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        _length += width;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + extra));
        }
    }
}
