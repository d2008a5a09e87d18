using Engine.Cli.Journal;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Cli.Journal;

public sealed class SqliteJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-journal-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string DbPath => Path.Combine(_dir, "journal.db");

    private List<object?[]> Query(string sql)
    {
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using SqliteDataReader r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (int i = 0; i < r.FieldCount; i++)
            {
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void Journal_StoresSignalsOrdersFillsAndPositions_WithExactDecimals()
    {
        using (var journal = new SqliteJournal(DbPath))
        {
            journal.Add(new JournalSignal(1_723_161_480_000, 1_723_161_420_000, "BTCUSDT", "DeltaScout", "long", 61712.4, 41.27, 88.1, 0.601, 61690, null, "rejected", "Cooldown", null));
            journal.Add(new JournalOrder(7, 1_723_161_481_000, "BTCUSDT", "Buy", "Market", "Entry", 0.123m, null, null, false, "PendingSubmit"));
            journal.Add(new JournalOrder(7, 1_723_161_481_050, "BTCUSDT", "Buy", "Market", "Entry", 0.123m, null, null, false, "Filled"));
            journal.Add(new JournalFill(7, 1_723_161_481_050, "BTCUSDT", "Buy", 61712.35m, 0.123m, 3.03624762m, false, 0m));
            journal.Add(new JournalPosition("BTCUSDT", "Long", 1_723_161_481_050, 1_723_161_600_000, 0.123m, 61712.35m, 61800.1m, 10.79325m, 6.07m, "TakeProfit"));
            journal.Add(new JournalPosition("BTCUSDT", "Short", 1_723_161_700_000, 1_723_161_800_000, 0.1m, 61800m, 61850m, -5m, 4.9m, "StopLoss"));
        }

        Assert.Equal("Cooldown", Assert.Single(Query("SELECT reason FROM signals"))[0]);
        Assert.Null(Query("SELECT poc FROM signals")[0][0]);
        object?[] order = Assert.Single(Query("SELECT status, updated_ms, quantity FROM orders WHERE client_order_id = 7"));
        Assert.Equal(["Filled", 1_723_161_481_050L, "0.123"], order);
        Assert.Equal("3.03624762", Query("SELECT fee FROM fills")[0][0]);
        object?[] day = Assert.Single(Query("SELECT day, trades, realized_pnl, wins FROM daily_pnl"));
        Assert.Equal("2024-08-09", day[0]);
        Assert.Equal(2L, day[1]);
        Assert.Equal(5.79325, (double)day[2]!, 9);
        Assert.Equal(1L, day[3]);
    }

    [Fact]
    public void Journal_CommitsBatchesSoRowsBeyondABatchAreDurableBeforeDispose()
    {
        var journal = new SqliteJournal(DbPath);
        for (int i = 0; i < SqliteJournal.BatchSize + 3; i++)
        {
            journal.UpdateOrderStatus(i, "Canceled", i);
            journal.Add(new JournalFill(i, i, "ETHUSDT", "Sell", 1m, 1m, 0m, true, 0m));
        }

        // Two full batches are committed and visible to another connection; the open tail is not (yet).
        Assert.Equal((long)SqliteJournal.BatchSize, Query("SELECT COUNT(*) FROM fills")[0][0]);
        journal.Dispose();
        Assert.Equal((long)SqliteJournal.BatchSize + 3, Query("SELECT COUNT(*) FROM fills")[0][0]);
    }
}
