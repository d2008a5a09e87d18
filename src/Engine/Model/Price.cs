using System.Runtime.CompilerServices;

namespace Engine.Model;

/// <summary>A price as an exact integer number of 10^-8 quote units, parsed straight from wire text.</summary>
public readonly record struct Price(long E8) : IComparable<Price>
{
    public static Price Zero => default;

    public bool IsZero => E8 == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price price)
    {
        bool ok = FixedPoint.TryParse(utf8, out long e8);
        price = new Price(e8);
        return ok;
    }

    public static Price Parse(string text) =>
        FixedPoint.TryParse(text.AsSpan(), out long e8) ? new Price(e8) : throw new FormatException($"'{text}' is not a price with at most 8 decimals");

    public static Price FromDecimal(decimal value) => new((long)decimal.Round(value * FixedPoint.Scale));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToDouble() => FixedPoint.ToDouble(E8);

    public decimal ToDecimal() => (decimal)E8 / FixedPoint.Scale;

    public int CompareTo(Price other) => E8.CompareTo(other.E8);

    public static bool operator <(Price a, Price b) => a.E8 < b.E8;
    public static bool operator >(Price a, Price b) => a.E8 > b.E8;
    public static bool operator <=(Price a, Price b) => a.E8 <= b.E8;
    public static bool operator >=(Price a, Price b) => a.E8 >= b.E8;

    public override string ToString() => FixedPoint.ToString(E8);
}
