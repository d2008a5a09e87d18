using System.Globalization;
using System.Text.Json;
using Engine.Cli.Journal;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;

namespace Engine.Tests.Cli.Journal;

/// <summary>journal.db of a real journaled run, checked against deltascout.log and the engine's outputs.</summary>
public sealed class RunJournalDatabaseTests(JournaledRun run) : IClassFixture<JournaledRun>
{
    private static decimal Dec(object? text) => decimal.Parse((string)text!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<VenueReport> FillReports =>
        JournaledRun.Outputs.Where(o => o.Kind == OutputKind.VenueReported && o.Report.IsFill).Select(o => o.Report).ToList();

    [Fact]
    public void EveryPeakLine_HasASignalRowWithTheSameTsKindAndPrice()
    {
        string[] lines = File.ReadAllLines(run.PathOf(RunJournal.DeltaScoutFileName));
        List<object?[]> signals = run.Query("SELECT row_start_ms, kind, price, source FROM signals ORDER BY id");
        Assert.NotEmpty(lines);
        Assert.Equal(lines.Length, signals.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument json = JsonDocument.Parse(lines[i]);
            JsonElement peak = json.RootElement;
            long ts = DateTimeOffset.Parse(peak.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            Assert.Equal(ts, signals[i][0]);
            Assert.Equal(peak.GetProperty("kind").GetString(), signals[i][1]);
            Assert.Equal(peak.GetProperty("price").GetDouble(), (double)signals[i][2]!);
            Assert.Equal("DeltaScout", signals[i][3]);
        }
    }

    [Fact]
    public void Signals_CarryTheirDecisionAndTheNameOfWhatStoppedThem()
    {
        var evaluated = JournaledRun.Outputs.Where(o => o.Kind == OutputKind.SignalEvaluated).Select(o => o.Signal).ToList();
        List<object?[]> rows = run.Query("SELECT decision, reason, quantity FROM signals ORDER BY id");
        Assert.Equal(evaluated.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            SignalRecord s = evaluated[i];
            (string decision, string reason) = s.Decision switch
            {
                SignalDecision.Submitted => ("Submitted", "Submitted"),
                SignalDecision.RiskRejected => ("RiskRejected", s.Verdict.ToString()),
                _ => ("OmsBlocked", s.Entry.ToString()),
            };
            Assert.Equal(decision, rows[i][0]);
            Assert.Equal(reason, rows[i][1]);
            if (s.Decision == SignalDecision.Submitted)
            {
                Assert.Equal(s.Sizing.Quantity.ToDecimal(), Dec(rows[i][2]));
            }
            else if (s.Decision == SignalDecision.RiskRejected)
            {
                Assert.Null(rows[i][2]);
            }
        }

        Assert.Contains(rows, r => (string)r[0]! == "Submitted");
    }

    [Fact]
    public void Fills_SumExactlyToTheFillReports()
    {
        List<VenueReport> fills = FillReports;
        List<object?[]> rows = run.Query("SELECT client_order_id, side, price, quantity, fee FROM fills ORDER BY id");
        Assert.NotEmpty(fills);
        Assert.Equal(fills.Count, rows.Count);
        Assert.Equal(fills.Sum(f => f.LastQuantity.ToDecimal()), rows.Sum(r => Dec(r[3])));
        Assert.Equal(fills.Sum(f => f.Fee.ToDecimal()), rows.Sum(r => Dec(r[4])));
        Assert.Equal(fills.Sum(f => f.LastPrice.ToDecimal() * f.LastQuantity.ToDecimal()), rows.Sum(r => Dec(r[2]) * Dec(r[3])));
        Assert.Equal(fills.Select(f => f.ClientId.Value), rows.Select(r => (long)r[0]!));
        Assert.Equal(fills.Select(f => f.Side.ToString()), rows.Select(r => (string)r[1]!));
    }

    [Fact]
    public void Positions_PnlAndFeesEqualThePositionClosedEvents_AndTheFillsRealisedPnl()
    {
        var closed = JournaledRun.Outputs.Where(o => o.Kind == OutputKind.PositionClosed).Select(o => o.Position).ToList();
        List<object?[]> rows = run.Query("SELECT side, quantity, entry_price, exit_price, realized_pnl, fees, exit_reason, opened_ms, closed_ms FROM positions ORDER BY id");
        Assert.NotEmpty(closed);
        Assert.Equal(closed.Count, rows.Count);
        for (int i = 0; i < closed.Count; i++)
        {
            ClosedPosition p = closed[i];
            Assert.Equal(p.Side == Side.Buy ? "Long" : "Short", rows[i][0]);
            Assert.Equal(p.Quantity.ToDecimal(), Dec(rows[i][1]));
            Assert.Equal(p.EntryPrice.ToDecimal(), Dec(rows[i][2]));
            Assert.Equal(p.ExitPrice.ToDecimal(), Dec(rows[i][3]));
            Assert.Equal(p.RealizedPnl.ToDecimal(), Dec(rows[i][4]));
            Assert.Equal(p.Fees.ToDecimal(), Dec(rows[i][5]));
            Assert.Contains((string)rows[i][6]!, new[] { "StopLoss", "TakeProfit1", "TakeProfit2", "Flatten" });
            Assert.Equal(p.OpenedMs, rows[i][7]);
            Assert.Equal(p.ClosedMs, rows[i][8]);
        }

        // Each fill row carries the PnL it realised; over the closed round trips they add up to the positions' PnL.
        decimal fillPnl = run.Query("SELECT realized_pnl FROM fills").Sum(r => Dec(r[0]));
        decimal openAtEnd = FillReports.Sum(f => f.Side == Side.Buy ? f.LastQuantity.ToDecimal() : -f.LastQuantity.ToDecimal());
        if (openAtEnd == 0)
        {
            Assert.Equal(closed.Sum(p => p.RealizedPnl.ToDecimal()), fillPnl);
        }

        List<object?[]> daily = run.Query("SELECT SUM(trades), SUM(realized_pnl) FROM daily_pnl");
        Assert.Equal((long)closed.Count, daily[0][0]);
        Assert.Equal((double)closed.Sum(p => p.RealizedPnl.ToDecimal()), (double)daily[0][1]!, 6);
    }

    [Fact]
    public void Orders_OneRowPerSubmit_WithItsInferredRole_AndTheStatusOfItsLastReport()
    {
        var submits = JournaledRun.Outputs.Where(o => o.Kind == OutputKind.OrderRequested && o.Order.Command == OrderCommand.Submit)
            .Select(o => o.Order).ToList();
        Dictionary<long, object?[]> rows = run.Query("SELECT client_order_id, role, status, quantity, reduce_only, type FROM orders")
            .ToDictionary(r => (long)r[0]!);
        Assert.Equal(submits.Count, rows.Count);
        foreach (OrderRequest s in submits)
        {
            object?[] row = rows[s.ClientId.Value];
            Assert.Equal(s.Quantity.ToDecimal(), Dec(row[3]));
            Assert.Equal(s.ReduceOnly ? 1L : 0L, row[4]);
            Assert.Equal(s.Type.ToString(), row[5]);
            string expectedRole = (s.ReduceOnly, s.Type) switch
            {
                (false, _) => "Entry",
                (true, OrderType.StopMarket) => "StopLoss",
                (true, OrderType.Limit) => (string)row[1]! == "TakeProfit2" ? "TakeProfit2" : "TakeProfit1",
                _ => "Flatten",
            };
            Assert.Equal(expectedRole, row[1]);
        }

        // Replayed in output order: a submit is PendingSubmit, a cancel request PendingCancel, then each report's
        // status; a refused cancel changes nothing.
        var expected = new Dictionary<long, string>();
        foreach (OutputEvent o in JournaledRun.Outputs)
        {
            if (o.Kind == OutputKind.OrderRequested)
            {
                expected[o.Order.ClientId.Value] = o.Order.Command == OrderCommand.Submit ? "PendingSubmit" : "PendingCancel";
            }
            else if (o.Kind == OutputKind.VenueReported && o.Report.Kind != VenueReportKind.CancelRejected)
            {
                expected[o.Report.ClientId.Value] = o.Report.Kind == VenueReportKind.NotFound ? "Rejected" : o.Report.Kind.ToString();
            }
        }

        Assert.Contains("Filled", expected.Values);
        foreach ((long id, string status) in expected)
        {
            Assert.Equal(status, rows[id][2]);
        }
    }
}
