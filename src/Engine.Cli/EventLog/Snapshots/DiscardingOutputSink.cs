using Engine.EventLog;
using Engine.Pipeline;

namespace Engine.Cli.EventLog.Snapshots;

/// <summary>
/// The output sink of an engine that only rebuilds state (a snapshot replica, a restore): the outputs of events the run
/// already journalled and acted on are dropped, never published twice.
/// </summary>
public readonly struct DiscardingOutputSink : IOutputSink
{
    private readonly OutputEvent[] _slot = new OutputEvent[1];

    public DiscardingOutputSink()
    {
    }

    public ref OutputEvent Claim() => ref _slot[0];

    public void Publish()
    {
    }
}
