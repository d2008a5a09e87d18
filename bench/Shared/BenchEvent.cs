namespace Engine.BenchShared;

/// <summary>The 16-byte payload moved by the ring and by the Channels baseline alike (linked into both bench projects).</summary>
public struct BenchEvent
{
    public long Value;
    public long Timestamp;
}
