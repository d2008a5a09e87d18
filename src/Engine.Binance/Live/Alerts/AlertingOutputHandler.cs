using System.Collections.Frozen;
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
/// that raise nothing cost one comparison; those that do allocate nothing either (the text is formatted into
/// one of the sink's pooled <see cref="AlertMessage"/>s, filled at its start). Wire it as
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
                AlertMessage halt = Rent(AlertKind.Halt, null);
                halt.Write("the engine is halted: no new entries, protective orders kept");
                Raise(halt);
                break;
            case OutputKind.OrderRequested when evt.OrderRole == OrderRole.Flatten && evt.Order.Command == OrderCommand.Submit:
                AlertMessage flatten = Rent(AlertKind.Flatten, evt.Order.Symbol);
                flatten.Write($"flatten: {(evt.Order.Side == Side.Buy ? "BUY" : "SELL")} {evt.Order.Quantity} at market (order {evt.Order.ClientId.Value})");
                Raise(flatten);
                break;
            case OutputKind.VenueReported when evt.Report.Kind == VenueReportKind.Rejected && IsProtective(evt.OrderRole):
                AlertMessage reject = Rent(AlertKind.ProtectiveReject, evt.Report.Symbol);
                reject.Write($"the venue rejected the {ByteEnumNames<OrderRole>.Of(evt.OrderRole)} order {evt.Report.ClientId.Value}: Binance code {(int)evt.Report.ErrorCode} ({ErrorName(evt.Report.ErrorCode)})");
                Raise(reject);
                break;
        }
    }

    public void OnShutdown() => inner.OnShutdown();

    // An enum's own formatting boxes it (Enum is a class): the names come from a table built once.
    private static readonly FrozenDictionary<BinanceErrorCode, string> ErrorNames =
        Enum.GetValues<BinanceErrorCode>().Distinct().ToFrozenDictionary(c => c, c => c.ToString());

    private static string ErrorName(BinanceErrorCode code) => ErrorNames.TryGetValue(code, out string? name) ? name : "unknown";

    private static bool IsProtective(OrderRole role) => role is OrderRole.StopLoss or OrderRole.TakeProfit1 or OrderRole.TakeProfit2 or OrderRole.Flatten;

    // A pooled message (the sink's), so raising an alert allocates nothing on the gateway's thread.
    private AlertMessage Rent(AlertKind kind, SymbolId? symbol)
    {
        AlertMessage message = alerts.Rent();
        message.Kind = kind;
        message.Symbol = symbol is { } s && s.Value >= 0 && s.Value < symbols.Count ? symbols.NameOf(s) : null;
        return message;
    }

    private void Raise(AlertMessage message)
    {
        AlertsRaised++;
        alerts.Raise(message);
    }
}
