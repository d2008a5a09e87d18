using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Cli.Live;

/// <summary>Fills as comparable lines (side, price, quantity, commission, maker): the journal's and the venue's.</summary>
internal static class Fills
{
    /// <summary>The run's journal.db fills, the position they leave (signed) and their realised PnL.</summary>
    public static (List<string> Fills, decimal Net, decimal Realized) OfJournal(string run)
    {
        var fills = new List<string>();
        decimal realized = 0, net = 0;
        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = "SELECT side, price, quantity, fee, maker, realized_pnl FROM fills ORDER BY id";
        using SqliteDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            bool buy = r.GetString(0) == "Buy";
            decimal qty = Dec(r.GetString(2));
            fills.Add(Line(buy, Dec(r.GetString(1)), qty, Dec(r.GetString(3)), r.GetInt64(4) != 0));
            realized += Dec(r.GetString(5));
            net += buy ? qty : -qty;
        }

        return (fills, net, realized);
    }

    /// <summary>The venue's <c>userTrades</c> answer as lines, and their realised PnL.</summary>
    public static (List<string> Fills, decimal Realized) OfVenue(JsonElement userTrades) =>
        ([.. userTrades.EnumerateArray().Select(t => Line(t.GetProperty("side").GetString() == "BUY", D(t, "price"), D(t, "qty"), D(t, "commission"), t.GetProperty("maker").GetBoolean()))],
         userTrades.EnumerateArray().Sum(t => D(t, "realizedPnl")));

    public static decimal D(JsonElement e, string name) => Dec(e.GetProperty(name).GetString()!);

    private static string Line(bool buy, decimal price, decimal qty, decimal fee, bool maker) => string.Create(CultureInfo.InvariantCulture,
        $"{(buy ? "BUY" : "SELL")} {price:0.########} x {qty:0.########} fee {fee:0.########}{(maker ? " maker" : string.Empty)}");

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
