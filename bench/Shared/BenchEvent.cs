namespace Engine.Latency;

/// <summary>The 16-byte payload moved by the ring and by the Channels baseline alike.</summary>
internal struct BenchEvent
{
    public long Value;
    public long Timestamp;
}
