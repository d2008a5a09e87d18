using System.Globalization;
using CsCheck;
using Engine.Cli.Journal;
using Engine.Cli.Run;
using Engine.Metrics;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Properties;

/// <summary>
/// parse(format(x)) = x for the run's two other outputs that are read back: journal.db rows (SqliteJournal writes
/// through prepared statements and one reused UTF-8 buffer; Microsoft.Data.Sqlite reads them) and histograms.json
/// (HistogramStore.Save, then Load: every equivalence range's count, the overflow, min, max and percentiles).
/// </summary>
public sealed class JournalRoundTripPropertyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-roundtrip-").FullName;
    private int _case;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Money and quantities as the engine has them: fixed-point with 8 decimals, any sign, up to ±92 billion.</summary>
    private static readonly Gen<decimal> Amount = Gen.Frequency(
        (4, Gen.Long[-100_000_00000000, 100_000_00000000]),
        (1, Gen.Long[long.MinValue + 1, long.MaxValue]),
        (1, Gen.OneOf(0L, 1L, -1L, 100_000_000L, long.MaxValue)))
        .Select(e8 => e8 / 100_000_000m);

    private static readonly Gen<double> Real = Gen.Frequency(
        (3, Gen.Double[-1e6, 1e6]),
        (1, Gen.Double.Where(double.IsFinite)),
        (1, Gen.OneOf(0.0, -0.0, double.Epsilon, 61_712.4, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity)));

    // Names as they come (enum names, symbols), and text beyond ASCII and past the journal's first buffer size.
    private static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf("BTCUSDT", "1000PEPEUSDT", "Submitted", "RiskRejected", "Cooldown", "TakeProfit1", "PendingSubmit")),
        (1, Gen.String[Gen.Char, 0, 40]),
        (1, Gen.Char['a', 'z'].Array[200, 600].Select(c => new string(c) + "é€😀")));

    private static readonly Gen<long?> OptionalLong = Gen.Frequency((1, Gen.Const((long?)null)), (3, Gen.Long.Select(x => (long?)x)));

    private static readonly Gen<decimal?> OptionalAmount = Gen.Frequency((1, Gen.Const((decimal?)null)), (3, Amount.Select(x => (decimal?)x)));

    private static readonly Gen<JournalSignal> Signals = Gen.Select(
        Gen.Select(Gen.Long[0, 4_000_000_000_000], Gen.Long, Text, Text, Text),
        Gen.Select(Real, Real, Real, Real),
        Gen.Select(OptionalLong, OptionalLong, Text, Text),
        Gen.Select(OptionalAmount, OptionalAmount, OptionalAmount),
        (a, b, c, d) => new JournalSignal(
            a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, b.Item1, b.Item2, b.Item3, b.Item4, c.Item1, c.Item2, c.Item3, c.Item4, d.Item1, d.Item2, d.Item3));

    private static readonly Gen<JournalFill> Fills = Gen.Select(
        Gen.Select(Gen.Long, Gen.Long, Text, Text),
        Gen.Select(Amount, Amount, Amount, Gen.Bool, Amount),
        (a, b) => new JournalFill(a.Item1, a.Item2, a.Item3, a.Item4, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5));

    private static readonly Gen<JournalPosition> Positions = Gen.Select(
        Gen.Select(Text, Text, Gen.Long, Gen.Long, Text),
        Gen.Select(Amount, Amount, Amount, Amount, Amount),
        (a, b) => new JournalPosition(a.Item1, a.Item2, a.Item3, a.Item4, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, a.Item5));

    private static readonly Gen<JournalOrder> Orders = Gen.Select(
        Gen.Select(Gen.Long, Text, Text, Text, Text),
        Gen.Select(Amount, OptionalAmount, OptionalAmount, Gen.Bool, Text),
        (a, b) => new JournalOrder(0, a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5));

    [Fact]
    public void JournalRows_ReadBack_AreTheRecords()
    {
        Gen.Select(Signals.Array[0, 8], Orders.Array[0, 8], Fills.Array[0, 8], Positions.Array[0, 8]).Sample((signals, orders, fills, positions) =>
        {
            string path = Path.Combine(_dir, $"journal-{_case++}.db");
            using (var journal = new SqliteJournal(path))
            {
                foreach (JournalSignal s in signals)
                {
                    journal.Add(in s);
                }

                for (int i = 0; i < orders.Length; i++)
                {
                    journal.Add(orders[i] with { ClientOrderId = i + 1 }); // distinct ids: one row each
                }

                foreach (JournalFill f in fills)
                {
                    journal.Add(in f);
                }

                foreach (JournalPosition p in positions)
                {
                    journal.Add(in p);
                }
            }

            Assert.Equal(signals, Query(path, "SELECT * FROM signals ORDER BY id", r => new JournalSignal(
                r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8),
                r.GetDouble(9), Long(r, 10), Long(r, 11), r.GetString(12), r.GetString(13), Dec(r, 14), Dec(r, 15), Dec(r, 16))));
            Assert.Equal(orders.Select((o, i) => o with { ClientOrderId = i + 1 }), Query(path, "SELECT * FROM orders ORDER BY client_order_id", r => new JournalOrder(
                r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Dec(r, 6)!.Value, Dec(r, 7), Dec(r, 8),
                r.GetInt64(9) == 1, r.GetString(10))));
            Assert.Equal(fills, Query(path, "SELECT * FROM fills ORDER BY id", r => new JournalFill(
                r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetString(4), Dec(r, 5)!.Value, Dec(r, 6)!.Value, Dec(r, 7)!.Value, r.GetInt64(8) == 1, Dec(r, 9)!.Value)));
            Assert.Equal(positions, Query(path, "SELECT * FROM positions ORDER BY id", r => new JournalPosition(
                r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), Dec(r, 5)!.Value, Dec(r, 6)!.Value, Dec(r, 7)!.Value, Dec(r, 8)!.Value,
                Dec(r, 9)!.Value, r.GetString(10))));
            Assert.All(Query(path, "SELECT updated_ms, time_ms FROM orders", r => (r.GetInt64(0), r.GetInt64(1))), t => Assert.Equal(t.Item2, t.Item1));
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void HistogramsJson_Loaded_IsTheSavedHistograms()
    {
        Gen<Histogram> histograms = Gen.Select(Gen.OneOf(1_000L, 3_600_000_000L, 60_000_000_000L), Gen.Int[1, 3]).SelectMany((highest, digits) =>
            Gen.Select(Gen.Long[1, highest * 2], Gen.Long[1, 1_000]).Array[0, 300].Select(values =>
            {
                var h = new Histogram(1, highest, digits);
                foreach ((long value, long count) in values)
                {
                    h.RecordValueWithCount(value, count); // above the highest: overflow
                }

                return h;
            }));

        Gen.Select(histograms, histograms).Sample((a, b) =>
        {
            string path = Path.Combine(_dir, $"histograms-{_case++}.json");
            HistogramStore.Save(path, [("end-to-end", a), ("queue", b)]);
            IReadOnlyList<(string Name, Histogram Histogram)> loaded = HistogramStore.Load(path);
            Assert.Equal(["end-to-end", "queue"], loaded.Select(s => s.Name));
            AssertSame(a, loaded[0].Histogram);
            AssertSame(b, loaded[1].Histogram);
        }, iter: 200, threads: 1);
    }

    private static void AssertSame(Histogram expected, Histogram actual)
    {
        Assert.Equal((expected.LowestDiscernibleValue, expected.HighestTrackableValue, expected.SignificantValueDigits),
            (actual.LowestDiscernibleValue, actual.HighestTrackableValue, actual.SignificantValueDigits));
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(expected.OverflowCount, actual.OverflowCount);
        Assert.Equal(expected.MaxOverflowValue, actual.MaxOverflowValue);
        Assert.Equal(expected.CountsArrayLength, actual.CountsArrayLength);
        int differs = Enumerable.Range(0, expected.CountsArrayLength).FirstOrDefault(i => expected.CountAtIndex(i) != actual.CountAtIndex(i), -1);
        Assert.True(differs < 0, $"count at index {differs} differs");

        if (expected.TotalCount > 0)
        {
            Assert.Equal(expected.MinValue, actual.MinValue);
            Assert.Equal(expected.MaxValue, actual.MaxValue);
            foreach (double p in new[] { 0.0, 50, 99, 99.99, 100 })
            {
                Assert.Equal(expected.ValueAtPercentile(p), actual.ValueAtPercentile(p));
            }
        }
    }

    private static long? Long(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static decimal? Dec(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : decimal.Parse(r.GetString(i), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<T> Query<T>(string path, string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
