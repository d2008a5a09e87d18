using Engine.Cli.Journal;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// The run directory's line files, written by the journal thread: <c>aggregated.csv</c>, <c>deltascout.log</c> and
/// <c>bars.csv</c>, plus the paper trading tally for the report. A stand-in for the journal helper's <c>RunJournal</c>
/// (which adds the SQLite journal); <see cref="RunOutputHandler"/> is the only thing that needs swapping.
/// Every line goes to the OS in one write, so a stopped run leaves only complete lines.
/// </summary>
public sealed class RunOutputFiles : IDisposable
{
    public const string AggregatedFileName = "aggregated.csv";
    public const string DeltaScoutFileName = "deltascout.log";
    public const string BarsFileName = "bars.csv";

    private static ReadOnlySpan<byte> BarsHeader =>
        "Start,End,Open,High,Low,Close,Volume,BuyVolume,SellVolume,Delta,Vwap,Trades,EmaFast,EmaSlow,Rsi,BbUpper,BbMiddle,BbLower,Atr\n"u8;

    private readonly AggregatedCsvWriter _aggregated;
    private readonly DeltaScoutLogWriter _deltaScout;
    private readonly AppendOnlyJournalFile _bars;
    private readonly Utf8LineBuffer _line = new(512);

    public RunOutputFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        _aggregated = new AggregatedCsvWriter(Path.Combine(directory, AggregatedFileName));
        _deltaScout = new DeltaScoutLogWriter(Path.Combine(directory, DeltaScoutFileName));
        _bars = new AppendOnlyJournalFile(Path.Combine(directory, BarsFileName));
        if (_bars.WasEmpty)
        {
            _bars.AppendLine(BarsHeader);
        }
    }

    public long Rows { get; private set; }
    public long Peaks { get; private set; }
    public long Bars { get; private set; }
    public long SignalsEvaluated { get; private set; }
    public long OrdersRequested { get; private set; }
    public long Fills { get; private set; }
    public long PositionsClosed { get; private set; }
    public long Wins { get; private set; }
    public Money RealizedPnl { get; private set; }
    public Money FeesPaid { get; private set; }

    public void OnOutput(ref OutputEvent e)
    {
        switch (e.Kind)
        {
            case OutputKind.RowClosed:
                _aggregated.Write(in e.Row);
                Rows++;
                if (e.HasEvaluation && e.Evaluation.HasPeak)
                {
                    _deltaScout.WritePeak(e.Row.StartMs, in e.Evaluation.Peak);
                    Peaks++;
                }

                break;
            case OutputKind.BarClosed:
                WriteBar(in e.Bar, in e.Indicators);
                Bars++;
                break;
            case OutputKind.SignalEvaluated:
                SignalsEvaluated++;
                break;
            case OutputKind.OrderRequested:
                OrdersRequested++;
                break;
            case OutputKind.VenueReported:
                if (e.Report.Kind is VenueReportKind.Filled or VenueReportKind.PartiallyFilled)
                {
                    Fills++;
                }

                break;
            case OutputKind.PositionClosed:
                PositionsClosed++;
                RealizedPnl += e.Position.RealizedPnl;
                FeesPaid += e.Position.Fees;
                if (e.Position.NetPnl.E8 > 0)
                {
                    Wins++;
                }

                break;
            default:
                break;
        }
    }

    public void Dispose()
    {
        _aggregated.Dispose();
        _deltaScout.Dispose();
        _bars.Dispose();
    }

    private void WriteBar(in VolumeBar bar, in IndicatorValues ind)
    {
        Utf8LineBuffer l = _line;
        l.Clear();
        l.AppendIsoTimestamp(bar.FirstTradeTimeMs);
        l.Append((byte)',');
        l.AppendIsoTimestamp(bar.LastTradeTimeMs);
        l.Append((byte)',');
        l.AppendFixedPoint(bar.Open.E8);
        l.Append((byte)',');
        l.AppendFixedPoint(bar.High.E8);
        l.Append((byte)',');
        l.AppendFixedPoint(bar.Low.E8);
        l.Append((byte)',');
        l.AppendFixedPoint(bar.Close.E8);
        l.Append((byte)',');
        l.AppendFixedPoint(bar.Volume.E8);
        l.Append((byte)',');
        l.AppendFixedPoint(bar.BuyVolume.E8);
        l.Append((byte)',');
        l.AppendFixedPoint(bar.SellVolume.E8);
        l.Append((byte)',');
        l.AppendFixedPoint(bar.Delta.E8);
        l.Append((byte)',');
        Cell(l, bar.Vwap);
        l.Append((byte)',');
        l.Append(bar.Trades);
        Cell(l, ind.EmaFast, comma: true);
        Cell(l, ind.EmaSlow, comma: true);
        Cell(l, ind.Rsi, comma: true);
        Cell(l, ind.BbUpper, comma: true);
        Cell(l, ind.BbMiddle, comma: true);
        Cell(l, ind.BbLower, comma: true);
        Cell(l, ind.Atr, comma: true);
        l.Append((byte)'\n');
        _bars.AppendLine(l.Written);
    }

    /// <summary>A double as Python's repr; an empty cell while the indicator warms up (NaN).</summary>
    private static void Cell(Utf8LineBuffer l, double value, bool comma = false)
    {
        if (comma)
        {
            l.Append((byte)',');
        }

        if (double.IsFinite(value))
        {
            l.AppendPythonFloat(value);
        }
    }
}
