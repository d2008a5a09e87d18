namespace Engine.Metrics;

/// <summary>
/// Walks a histogram in percentile ticks exactly like HdrHistogram's PercentileIterator: a fixed number of ticks
/// per half distance to 100% (0%, then 50% split into ticks, 75% split into as many, ...), ending with one step
/// at 100%. Used by the .hgrm writer and the chart; cold code, but allocation-free.
/// </summary>
public struct PercentileIterator
{
    private readonly Histogram _histogram;
    private readonly int _ticksPerHalfDistance;
    private readonly long _totalCount;
    private int _currentIndex;
    private long _countAtThisValue;
    private long _totalCountToCurrentIndex;
    private bool _freshSubBucket;
    private double _percentileLevelToIterateTo;
    private bool _reachedLastRecordedValue;

    public PercentileIterator(Histogram histogram, int ticksPerHalfDistance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerHalfDistance, 1);
        _histogram = histogram;
        _ticksPerHalfDistance = ticksPerHalfDistance;
        _totalCount = histogram.TotalCount;
        _freshSubBucket = true;
    }

    public PercentileStep Current { get; private set; }

    public bool MoveNext()
    {
        if (_totalCountToCurrentIndex >= _totalCount)
        {
            // Every recorded value is behind us: one additional last step to 100%, then stop.
            if (_reachedLastRecordedValue || _totalCount == 0)
            {
                return false;
            }

            _percentileLevelToIterateTo = 100.0;
            _reachedLastRecordedValue = true;
        }

        while (_currentIndex < _histogram.CountsArrayLength)
        {
            _countAtThisValue = _histogram.CountAtIndex(_currentIndex);
            if (_freshSubBucket)
            {
                _totalCountToCurrentIndex += _countAtThisValue;
                _freshSubBucket = false;
            }

            if (ReachedIterationLevel())
            {
                long value = _histogram.HighestEquivalentValue(_histogram.ValueFromIndex(_currentIndex));
                Current = new PercentileStep(value, _percentileLevelToIterateTo, _totalCountToCurrentIndex);
                IncrementIterationLevel();
                return true;
            }

            _currentIndex++;
            _freshSubBucket = true;
        }

        return false;
    }

    private readonly bool ReachedIterationLevel()
    {
        if (_countAtThisValue == 0)
        {
            return false;
        }

        double currentPercentile = 100.0 * _totalCountToCurrentIndex / _totalCount;
        return currentPercentile >= _percentileLevelToIterateTo;
    }

    private void IncrementIterationLevel()
    {
        if (_percentileLevelToIterateTo >= 100.0)
        {
            return; // the final step; the tick formula below has no meaning at 100%
        }

        // Ticks double each time the remaining distance to 100% halves: 0-50% gets N ticks, 50-75% another N, ...
        long halvings = (long)(Math.Log(100.0 / (100.0 - _percentileLevelToIterateTo)) / Math.Log(2));
        long percentileReportingTicks = _ticksPerHalfDistance * (long)Math.Pow(2, halvings + 1);
        _percentileLevelToIterateTo += 100.0 / percentileReportingTicks;
    }
}
