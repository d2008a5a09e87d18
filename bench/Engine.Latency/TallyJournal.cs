using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Latency;

/// <summary>The journal of the latency run: consumes every output cheaply, keeping only counts and the money totals.</summary>
internal struct TallyJournal : IEventHandler<OutputEvent>
{
    public long Outputs;
    public long PositionsClosed;
    public long RealizedPnlE8;
    public long FeesE8;

    public void OnStart()
    {
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
    {
        Outputs++;
        if (evt.Kind == OutputKind.PositionClosed)
        {
            PositionsClosed++;
            RealizedPnlE8 += evt.Position.RealizedPnl.E8;
            FeesE8 += evt.Position.Fees.E8;
        }
    }

    public void OnShutdown()
    {
    }
}
