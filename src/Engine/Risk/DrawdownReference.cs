namespace Engine.Risk;

/// <summary>
/// Where the max-drawdown check (contracts §5) measures the fall from. Either rule re-bases the peak to the current
/// equity on an operator resume.
/// </summary>
public enum DrawdownReference : byte
{
    /// <summary>The highest equity since 00:00 UTC of the event day: the peak is re-based at every UTC day roll, so a
    /// drawdown halt ends with the day as contracts §5 says. The default.</summary>
    Daily = 0,

    /// <summary>The highest equity since start (or the last operator resume), carried across days: after a drawdown
    /// halt the next day's first signal trips it again until equity recovers or the operator resumes.</summary>
    Rolling = 1,
}
