using System.Globalization;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Risk;

namespace Engine.Binance.Live.Alerts;

/// <summary>
/// The output consumer of a live run with alerts: passes every output to the inner consumer first (the gateway's
/// <c>GatewayOutputHandler</c>, so an order is not delayed), then raises an alert for what an operator must know:
/// the breaker turning <see cref="TradingState.Halted"/> (<see cref="AlertKind.Halt"/>), a flatten order
/// (<see cref="OrderRole.Flatten"/> submitted: <see cref="AlertKind.Flatten"/>), and a protective order (stop-loss,
/// take-profit, flatten) the venue rejected (<see cref="AlertKind.ProtectiveReject"/>, with Binance's code). Outputs
/// that raise nothing cost one comparison and allocate nothing. Wire it as
/// <c>PipelineAttachments.OutputConsumer = new AlertingOutputHandler(new GatewayOutputHandler(gateway), alerts, symbols)</c>.
/// </summary>
public sealed class AlertingOutputHandler(IEventHandler<OutputEvent> inner, IAlertSink alerts, SymbolRegistry symbols) : IEventHandler<OutputEvent>
{
    /// <summary>Alerts this handler raised (taken or dropped by the sink).</summary>
    public long AlertsRaised { get; private set; }

    public void OnStart() => inner.OnStart();

    public void OnBatchStart(long batchSize) => inner.OnBatchStart(batchSize);

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
    {
        inner.OnEvent(ref evt, sequence, endOfBatch);
        switch (evt.Kind)
        {
            case OutputKind.BreakerChanged when evt.BreakerState == TradingState.Halted:
                Raise(AlertKind.Halt, null, "the engine is halted: no new entries, protective orders kept");
                break;
            case OutputKind.OrderRequested when evt.OrderRole == OrderRole.Flatten && evt.Order.Command == OrderCommand.Submit:
                Raise(AlertKind.Flatten, evt.Order.Symbol, string.Create(CultureInfo.InvariantCulture,
                    $"flatten: {(evt.Order.Side == Side.Buy ? "BUY" : "SELL")} {evt.Order.Quantity} at market (order {evt.Order.ClientId.Value})"));
                break;
            case OutputKind.VenueReported when evt.Report.Kind == VenueReportKind.Rejected && IsProtective(evt.OrderRole):
                Raise(AlertKind.ProtectiveReject, evt.Report.Symbol, string.Create(CultureInfo.InvariantCulture,
                    $"the venue rejected the {evt.OrderRole} order {evt.Report.ClientId.Value}: Binance code {(int)evt.Report.ErrorCode} ({evt.Report.ErrorCode})"));
                break;
        }
    }

    public void OnShutdown() => inner.OnShutdown();

    private static bool IsProtective(OrderRole role) => role is OrderRole.StopLoss or OrderRole.TakeProfit1 or OrderRole.TakeProfit2 or OrderRole.Flatten;

    private void Raise(AlertKind kind, SymbolId? symbol, string message)
    {
        AlertsRaised++;
        alerts.Raise(kind, symbol is { } s && s.Value >= 0 && s.Value < symbols.Count ? symbols.NameOf(s) : null, message);
    }
}
