namespace Engine.Tests.Ring;

/// <summary>A ring slot for tests: producers stamp who wrote it, for which sequence, and a per-producer counter.</summary>
public struct TestEvent
{
    public long Sequence;
    public int Producer;
    public long Value;

    /// <summary>Written by an upstream consumer in chained tests.</summary>
    public long Stage1;
}
