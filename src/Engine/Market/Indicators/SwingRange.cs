using Engine.Model;

namespace Engine.Market.Indicators;

/// <summary>
/// The lowest low and highest high of the last N closed rows (the swing stop of contracts §4), in O(1) amortised per
/// row with two monotonic deques in fixed arrays. A row without HiPrice/LowPrice (8-column input) counts with the
/// lower and higher of its ClosePrice and AvgPrice. Engine thread only; allocation-free after construction.
/// </summary>
public sealed class SwingRange
{
    private readonly int _window;
    private readonly Deque _lows;   // ascending values: the front is the lowest low in the window
    private readonly Deque _highs;  // descending values: the front is the highest high
    private long _rows;

    public SwingRange(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
        _lows = new Deque(window);
        _highs = new Deque(window);
    }

    /// <summary>Lowest low of the window; zero before the first row.</summary>
    public Price Low => _rows == 0 ? Price.Zero : new Price(_lows.Front);

    /// <summary>Highest high of the window; zero before the first row.</summary>
    public Price High => _rows == 0 ? Price.Zero : new Price(-_highs.Front);

    public void Add(in AggregatedRow row)
    {
        long low, high;
        if (row.HasHighLow)
        {
            low = row.LowPrice.E8;
            high = row.HighPrice.E8;
        }
        else
        {
            double avg = row.AvgPrice;
            long avgE8 = avg > 0 && avg < 9e10 ? (long)Math.Round(avg * FixedPoint.Scale) : 0;
            long close = row.HasClose ? row.ClosePrice.E8 : avgE8;
            avgE8 = avgE8 > 0 ? avgE8 : close;
            low = Math.Min(avgE8, close);
            high = Math.Max(avgE8, close);
        }

        if (low <= 0 || high <= 0)
        {
            return; // no price to take a swing from
        }

        long n = _rows++;
        _lows.Push(n, low, _window);
        _highs.Push(n, -high, _window);
    }

    /// <summary>Sliding minimum over the last window sequence numbers (the highs go in negated).</summary>
    private sealed class Deque(int capacity)
    {
        private readonly long[] _values = new long[capacity + 1];
        private readonly long[] _sequences = new long[capacity + 1];
        private int _head;
        private int _count;

        public long Front => _values[_head];

        public void Push(long sequence, long value, int window)
        {
            int size = _values.Length;
            while (_count > 0 && _sequences[_head] <= sequence - window)
            {
                _head = (_head + 1) % size;
                _count--;
            }

            while (_count > 0 && _values[(_head + _count - 1) % size] >= value)
            {
                _count--;
            }

            int tail = (_head + _count) % size;
            _values[tail] = value;
            _sequences[tail] = sequence;
            _count++;
        }
    }
}
