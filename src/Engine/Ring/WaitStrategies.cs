namespace Engine.Ring;

/// <summary>Makes the wait strategy a configuration names.</summary>
public static class WaitStrategies
{
    public static IWaitStrategy Create(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.Sleeping => new SleepingWaitStrategy(),
        WaitStrategyKind.Blocking => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown wait strategy"),
    };
}
