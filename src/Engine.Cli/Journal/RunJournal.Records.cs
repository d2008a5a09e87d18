using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;

namespace Engine.Cli.Journal;

// One handler per output kind: what each record writes to the text files and journal.db.
public sealed partial class RunJournal
{
    private void OnRow(ref OutputEvent output)
    {
        if (!TryFiles(output.Row.Symbol, out SymbolJournalFiles? files))
        {
            return;
        }

        Summary.CountRow();
        files.Aggregated.Write(in output.Row);
        if (output.HasEvaluation && output.Evaluation.HasPeak)
        {
            Summary.CountPeak();
            files.DeltaScout.WritePeak(output.Evaluation.RowStartMs, in output.Evaluation.Peak);
        }
    }

    private void OnBar(ref OutputEvent output)
    {
        if (!TryFiles(output.Bar.Symbol, out SymbolJournalFiles? files))
        {
            return;
        }

        Summary.CountBar();
        files.Bars?.Write(in output.Bar, in output.Indicators);
    }

    private void OnSignal(in SignalRecord record)
    {
        ref readonly TradeSignal s = ref record.Signal;
        if (!TryName(s.Symbol, out string? symbol))
        {
            return;
        }

        Summary.CountSignal(record.Decision);
        if (record.Verdict == Risk.RiskVerdict.Admitted)
        {
            Summary.CountStopRule(record.Sizing.StopRule);
        }
        if (_database is null)
        {
            return;
        }

        string reason = record.Decision == SignalDecision.RiskRejected
            ? ByteEnumNames<Risk.RiskVerdict>.Of(record.Verdict)
            : ByteEnumNames<EntryDecision>.Of(record.Entry);
        bool admitted = record.Verdict == Risk.RiskVerdict.Admitted;
        decimal? quantity = admitted ? record.Sizing.Quantity.ToDecimal() : null;
        _database.Add(new JournalSignal(
            s.TimeMs, record.RowStartMs, symbol, s.Source == SignalSource.VolumeBar ? "VolumeBar" : "DeltaScout",
            s.Direction == SignalDirection.Short ? "short" : "long", s.Price, s.Delta, s.Volume, s.Imbalance,
            WholeOrNull(s.Vwap), WholeOrNull(s.Poc), ByteEnumNames<SignalDecision>.Of(record.Decision), reason, quantity,
            admitted ? record.Sizing.RiskAmount.ToDecimal() : null, admitted ? record.Sizing.EstimatedFees.ToDecimal() : null));
    }

    // Records what the engine published; the roles and PnL are the OMS's (OrderManager.OnReport), never recomputed here.
    private void OnOrder(in OrderRequest order, OrderRole role)
    {
        if (!TryName(order.Symbol, out string? symbol))
        {
            return;
        }

        Summary.CountOrder(order.Command);
        if (order.Command == OrderCommand.Query)
        {
            return; // asks about an order; changes nothing
        }

        if (order.Command != OrderCommand.Submit)
        {
            _database?.UpdateOrderStatus(order.ClientId.Value, nameof(OrderStatus.PendingCancel), order.TimeMs);
            return;
        }

        _database?.Add(new JournalOrder(
            order.ClientId.Value, order.TimeMs, symbol, ByteEnumNames<Side>.Of(order.Side), ByteEnumNames<OrderType>.Of(order.Type),
            ByteEnumNames<OrderRole>.Of(role), order.Quantity.ToDecimal(), order.Price.IsZero ? null : order.Price.ToDecimal(),
            order.StopPrice.IsZero ? null : order.StopPrice.ToDecimal(), order.ReduceOnly, nameof(OrderStatus.PendingSubmit)));
    }

    private void OnReport(in VenueReport report, ReportOutcome outcome, OrderStatus status, Money realized)
    {
        if (!TryName(report.Symbol, out string? symbol))
        {
            return;
        }

        if (report.IsFill && outcome is not (ReportOutcome.Applied or ReportOutcome.Overfill))
        {
            Summary.CountIgnoredFill(); // a duplicate (or a fill for no order of ours) moved nothing in the OMS
            return;
        }

        Summary.CountReport(in report);
        if (_database is null)
        {
            return;
        }

        if (outcome is (ReportOutcome.Applied or ReportOutcome.Overfill) && status != OrderStatus.None)
        {
            // The OMS's status after the report, not the report's kind: a late acknowledgement after the fill, or a
            // cancel the venue refused, leaves the order as the OMS holds it.
            _database.UpdateOrderStatus(report.ClientId.Value, ByteEnumNames<OrderStatus>.Of(status), report.EventTimeMs);
        }

        if (report.IsFill)
        {
            _database.Add(new JournalFill(
                report.ClientId.Value, report.EventTimeMs, symbol, ByteEnumNames<Side>.Of(report.Side), report.LastPrice.ToDecimal(),
                report.LastQuantity.ToDecimal(), report.Fee.ToDecimal(), report.IsMaker, realized.ToDecimal()));
        }
    }

    private void OnPositionClosed(in ClosedPosition p)
    {
        if (!TryName(p.Symbol, out string? symbol))
        {
            return;
        }

        Summary.CountPosition(in p);
        _database?.Add(new JournalPosition(
            symbol, p.Side == Side.Sell ? "Short" : "Long", p.OpenedMs, p.ClosedMs, p.Quantity.ToDecimal(), p.EntryPrice.ToDecimal(),
            p.ExitPrice.ToDecimal(), p.RealizedPnl.ToDecimal(), p.Fees.ToDecimal(), ByteEnumNames<OrderRole>.Of(p.ExitRole)));
    }

    private static long? WholeOrNull(double value) => double.IsFinite(value) ? (long)value : null;

    // Rare (a gap REST could not fill): described once, with the intervals it leaves incomplete, for the report and journal.db.
    private void OnFeedGap(in FeedGap gap)
    {
        if (!TryName(gap.Symbol, out string? name))
        {
            return;
        }

        static string At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string Interval(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms - (ms % _intervalMs)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        long first = gap.FromTimeMs > 0 ? gap.FromTimeMs : gap.ToTimeMs;
        long last = gap.ToTimeMs > 0 ? gap.ToTimeMs : gap.FromTimeMs;
        string intervals = first <= 0 ? "intervals unknown" : Interval(first) == Interval(last) ? $"interval {Interval(first)} incomplete" : $"intervals {Interval(first)} to {Interval(last)} incomplete";
        Summary.CountFeedGap(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{name} aggTrade ids {gap.FromId} to {gap.ToId} ({gap.ToId - gap.FromId + 1} missing), trades between {At(gap.FromTimeMs)} and {At(gap.ToTimeMs)}: {intervals}"));
        _database?.AddFeedGap(name, gap.FromId, gap.ToId, gap.FromTimeMs, gap.ToTimeMs);
    }

    // Not a closed row: never written to aggregated.csv, never seen by DeltaScout; the report names it.
    private void OnIntervalLeftOpen(in AggregatedRow row)
    {
        if (TryName(row.Symbol, out string? name))
        {
            string start = DateTimeOffset.FromUnixTimeMilliseconds(row.StartMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            Summary.CountIntervalLeftOpen($"{name} {start}: {row.Trades} trades, TotalQty {row.TotalQty}");
        }
    }
}
