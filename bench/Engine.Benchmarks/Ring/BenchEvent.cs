namespace Engine.Benchmarks.Ring;

/// <summary>The 16-byte payload moved by both the ring and the Channels baseline.</summary>
public struct BenchEvent
{
    public long Value;
    public long Timestamp;
}
