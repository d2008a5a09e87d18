using System.Text.Json;
using Engine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Cli.Run;

/// <summary>Issue 14, defect 3: a run whose disk fills up (a real 200 KB tmpfs: the kernel's own ENOSPC).</summary>
public sealed class OutputFaultTests
{
    [Fact]
    public void Replay_DiskFullMidRun_SaysSoHaltsAndLeavesConsistentFiles()
    {
        using SmallFilesystem? disk = SmallFilesystem.TryMount("size=200k");
        if (disk is null)
        {
            return; // mounting needs root; CI runs as root
        }

        string run = Path.Combine(disk.Path, "run");
        var (exit, _, error) = CliHarness.ReplaySample(run);

        // Before: exit 1, "internal fault: ... SqliteTransaction has completed", histograms.json 0 bytes.
        Assert.Equal(4, exit);
        Assert.Contains("out of disk space", error, StringComparison.Ordinal);
        Assert.Contains("halted", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal fault", error, StringComparison.Ordinal);

        // journal.db holds whole transactions: it opens, passes SQLite's integrity check, and every fill's order is there.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Pooling=False"))
        {
            db.Open();
            using SqliteCommand check = db.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string)check.ExecuteScalar()!);
            check.CommandText = "SELECT COUNT(*) FROM fills WHERE client_order_id NOT IN (SELECT client_order_id FROM orders)";
            Assert.Equal(0L, (long)check.ExecuteScalar()!);
        }

        // No cut file: the text files end in whole lines, and a report file is either absent or whole.
        foreach (string file in new[] { "aggregated.csv", "deltascout.log", "bars.csv" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(run, file));
            Assert.True(bytes.Length == 0 || bytes[^1] == (byte)'\n', $"{file} ends in a partial line");
        }

        foreach (string file in new[] { "histograms.json", "summary.json" })
        {
            string path = Path.Combine(run, file);
            if (File.Exists(path))
            {
                using JsonDocument parsed = JsonDocument.Parse(File.ReadAllText(path)); // 0 bytes or cut would throw
            }
        }

        Assert.Empty(Directory.GetFiles(run, "*.tmp"));
    }
}
