using System.Runtime.CompilerServices;

namespace Engine.Model;

/// <summary>A base-asset quantity as an exact integer number of 10^-8 units, parsed straight from wire text.</summary>
public readonly record struct Quantity(long E8) : IComparable<Quantity>, ISpanFormattable
{
    public static Quantity Zero => default;

    public bool IsZero => E8 == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity quantity)
    {
        bool ok = FixedPoint.TryParse(utf8, out long e8);
        quantity = new Quantity(e8);
        return ok;
    }

    public static Quantity Parse(string text) =>
        FixedPoint.TryParse(text.AsSpan(), out long e8) ? new Quantity(e8) : throw new FormatException($"'{text}' is not a quantity with at most 8 decimals");

    public static Quantity FromDecimal(decimal value) => new((long)decimal.Round(value * FixedPoint.Scale));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToDouble() => FixedPoint.ToDouble(E8);

    public decimal ToDecimal() => (decimal)E8 / FixedPoint.Scale;

    public int CompareTo(Quantity other) => E8.CompareTo(other.E8);

    public static Quantity operator +(Quantity a, Quantity b) => new(a.E8 + b.E8);
    public static Quantity operator -(Quantity a, Quantity b) => new(a.E8 - b.E8);
    public static bool operator <(Quantity a, Quantity b) => a.E8 < b.E8;
    public static bool operator >(Quantity a, Quantity b) => a.E8 > b.E8;
    public static bool operator <=(Quantity a, Quantity b) => a.E8 <= b.E8;
    public static bool operator >=(Quantity a, Quantity b) => a.E8 >= b.E8;

    public override string ToString() => FixedPoint.ToString(E8);

    /// <summary>The same exact text as <see cref="ToString()"/>; <paramref name="format"/> and <paramref name="provider"/> are ignored.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>
    /// The exact decimal text written into <paramref name="destination"/> without allocating, so an interpolated
    /// string into a span (an alert's text) formats a quantity in place.
    /// </summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        Span<byte> ascii = stackalloc byte[24];
        FixedPoint.TryFormat(E8, ascii, out int length);
        if (length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        for (int i = 0; i < length; i++)
        {
            destination[i] = (char)ascii[i];
        }

        charsWritten = length;
        return true;
    }
}
