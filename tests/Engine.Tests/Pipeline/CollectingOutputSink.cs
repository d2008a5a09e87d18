using Engine.Pipeline;

namespace Engine.Tests.Pipeline;

/// <summary>Keeps a copy of every output the engine publishes (allocates: for behaviour tests only).</summary>
public struct CollectingOutputSink : IOutputSink
{
    private readonly OutputEvent[] _slot = new OutputEvent[1];

    public CollectingOutputSink()
    {
        Events = [];
    }

    public List<OutputEvent> Events { get; }

    public readonly ref OutputEvent Claim()
    {
        _slot[0] = default;
        return ref _slot[0];
    }

    public readonly void Publish() => Events.Add(_slot[0]);

    public readonly IEnumerable<OutputEvent> OfKind(OutputKind kind) => Events.Where(e => e.Kind == kind);
}

/// <summary>Counts outputs by kind without allocating (for allocation tests).</summary>
public readonly struct CountingOutputSink : IOutputSink
{
    private readonly OutputEvent[] _slot = new OutputEvent[1];
    private readonly long[] _counts = new long[16];

    public CountingOutputSink()
    {
    }

    public long Count(OutputKind kind) => _counts[(int)kind];

    public ref OutputEvent Claim() => ref _slot[0];

    public void Publish() => _counts[(int)_slot[0].Kind]++;
}
