using System.Runtime.CompilerServices;

namespace Engine.Market.Indicators;

/// <summary>The last N values, preallocated once: pushing a value returns the one it evicts.</summary>
internal sealed class RollingWindow
{
    private readonly double[] _values;
    private int _next;

    public RollingWindow(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _values = new double[length];
    }

    public int Length => _values.Length;

    /// <summary>Values pushed so far, capped at <see cref="Length"/>.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == _values.Length;

    /// <summary>True right after the push that overwrote the last slot: the whole window has just turned over.</summary>
    public bool JustWrapped => _next == 0 && Count == _values.Length;

    /// <summary>The stored values in slot order (not time order): for order-free recomputations such as sums.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    /// <summary>Stores <paramref name="value"/>; returns true and the evicted value once the window was already full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Push(double value, out double evicted)
    {
        bool full = Count == _values.Length;
        evicted = _values[_next];
        _values[_next] = value;
        _next = _next + 1 == _values.Length ? 0 : _next + 1;
        if (!full)
        {
            Count++;
        }

        return full;
    }

    public void Clear()
    {
        Count = 0;
        _next = 0;
    }
}
