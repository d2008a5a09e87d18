using System.Runtime.CompilerServices;
using Engine.Model;
using Engine.Oms;
using Engine.Signals;

namespace Engine.Pipeline;

public sealed partial class TradingEngine<TOut>
{
    /// <summary>The latency probe's orders sent and probe trades skipped, over every symbol (read after the run).</summary>
    public (long Sent, long Skipped) ProbeFigures()
    {
        long sent = 0, skipped = 0;
        foreach (SymbolLane lane in _lanes)
        {
            sent += lane.Probe.Sent;
            skipped += lane.Probe.Skipped;
        }

        return (sent, skipped);
    }

    /// <summary>
    /// The latency probe's trade (<see cref="SignalSource.LatencyProbe"/>): its order goes straight to the OMS, sized by
    /// the probe and not by the risk gate (the breaker still gates it there); the request is published at once, so the
    /// gateway sees it carrying this trade's <see cref="EngineEvent.ReceivedTimestamp"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // one probe in N trades
    private void SendProbe(SymbolLane lane)
    {
        LatencyProbe probe = lane.Probe;
        ProbeOrder order = probe.Next(lane.LastTradePrice);
        EntryPlan plan = EntryPlans.FromProbe(lane.Id, in order, lane.LastTradePrice, _nowMs);
        if (_oms.OnEntry(in plan) == EntryDecision.Submitted)
        {
            probe.OnSent();
            ForwardRequests();
        }
        else
        {
            probe.OnSkipped();
        }
    }

    /// <summary>
    /// A report of a probe's entry: accepted and still resting → cancelled (Cancel mode); filled, even partly → the
    /// position is closed at market (Close mode), the entry's rest cancelled and its later fills closed too.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnProbeReport(in VenueReport report, in ReportResult result)
    {
        if (result.Role != OrderRole.Entry || !TryLane(report.Symbol, out SymbolLane lane))
        {
            return;
        }

        long timeMs = Math.Max(_nowMs, report.EventTimeMs);
        if (report.Kind == VenueReportKind.Accepted && lane.Probe.CancelsWhenAccepted)
        {
            _oms.CancelEntry(report.Symbol, timeMs);
        }
        else if (result.FillApplied)
        {
            _oms.FlattenNow(report.Symbol, timeMs);
        }
    }
}
