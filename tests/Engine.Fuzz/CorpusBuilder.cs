using System.Globalization;
using System.IO.Compression;
using System.Text;
using Engine.Binance.Archives;
using Engine.Binance.Recording;
using Engine.Binance.Sources;
using Engine.Cli.Journal;
using Engine.Market;
using Engine.Model;

namespace Engine.Fuzz;

/// <summary>
/// Writes the seed corpus (<c>corpus/&lt;target&gt;/</c>) from slices of the bundled real sample
/// (src/Engine.Cli/Samples/*.csv.gz, BTCUSDT futures trades) rendered in every input format, plus hand-made edge
/// cases. Deterministic: the same sample gives byte-identical files. Files of <c>known/</c> are never touched.
/// </summary>
public static class CorpusBuilder
{
    private const int Slice = 24;

    public static void Build(string samplePath, string corpusRoot)
    {
        List<Trade> trades = ReadSample(samplePath);
        var writer = new Writer(corpusRoot);

        // Slices: the start, the middle and the end of the five minutes.
        Trade[][] slices = [[.. trades.Take(Slice)], [.. trades.Skip(trades.Count / 2).Take(Slice)], [.. trades.TakeLast(Slice)]];
        string[] sampleLines = ReadLines(samplePath);

        TradeCsv(writer, sampleLines, slices);
        AggTradeCsv(writer, slices);
        TradeCsvGz(writer, sampleLines);
        AggregatedCsv(writer, trades);
        Frames(writer, slices);
        RecordedFrames(writer, sampleLines, slices);
        Recording(writer, slices);
        Config(writer, Path.Combine(Path.GetDirectoryName(samplePath)!, "replay.json"));
    }

    private static void TradeCsv(Writer w, string[] lines, Trade[][] slices)
    {
        const string target = "trade-csv";
        string header = lines[0];
        w.Text(target, "sample-head.csv", string.Join('\n', lines.Take(Slice + 1)) + "\n");
        w.Text(target, "sample-middle.csv", header + "\n" + string.Join('\n', lines.Skip(lines.Length / 2).Take(Slice)) + "\n");
        w.Text(target, "sample-tail-no-newline.csv", header + "\n" + string.Join('\n', lines.TakeLast(Slice)));
        w.Text(target, "futures-archive.csv", "id,price,qty,quote_qty,time,is_buyer_maker\n"
            + string.Concat(slices[0].Select(t => $"{t.Id},{P(t.Price.E8)},{P(t.Quantity.E8)},{Quote(t)},{t.TradeTimeMs},{B(t.BuyerIsMaker)}\n")));
        w.Text(target, "spot-headerless-us.csv",
            string.Concat(slices[1].Select(t => $"{t.Id},{P(t.Price.E8)},{P(t.Quantity.E8)},{Quote(t)},{t.TradeTimeMs * 1000 + 123},{(t.BuyerIsMaker ? "True" : "False")},True\r\n")));
        w.Text(target, "spot-headerless-ms.csv",
            string.Concat(slices[2].Select(t => $"{t.Id},{P(t.Price.E8)},{P(t.Quantity.E8)},{Quote(t)},{t.TradeTimeMs},{B(t.BuyerIsMaker)}\n")));
        w.Text(target, "symbol-column-bom-crlf.csv", "\uFEFFsymbol,id,price,qty,time,is_buyer_maker,event_time,trade_type\r\n"
            + string.Concat(slices[0].Take(8).Select((t, i) =>
                $"{(i % 3 == 0 ? "ETHUSDT" : i % 3 == 1 ? "BTCUSDT" : "XRPUSDT")},{t.Id},{P(t.Price.E8)},{P(t.Quantity.E8)},{t.TradeTimeMs},{B(t.BuyerIsMaker)},{t.EventTimeMs},{(i == 5 ? "INSURANCE_FUND" : i == 6 ? "" : "MARKET")}\r\n")));
        w.Text(target, "bad-lines.csv", header + "\n" + lines[1] + "\n"
            + "5266583936,0,0.199,1723161256344,false,1723161256344,1723161255088230567,MARKET\n"
            + "5266583937,61800.30,-0.1,1723161256344,false,1723161256344,1723161255088230567,MARKET\n"
            + "5266583938,61800.123456789,0.1,1723161256344,false,1723161256344,1723161255088230567,MARKET\n"
            + "x,61800.30,0.1,1723161256344,false,1723161256344,1723161255088230567,MARKET\n"
            + "5266583939,61800.30,0.1,-5,false,1723161256344,1723161255088230567,MARKET\n"
            + "5266583940,61800.30,0.1,1723161256344,maybe,1723161256344,1723161255088230567,MARKET\n"
            + "5266583941,61800.30,0.1,1723161256344,false\n"
            + "\n"
            + lines[2] + "\n");
        w.Text(target, "unknown-header.csv", "when,what,how_much\n1,2,3\n");
        w.Text(target, "empty.csv", string.Empty);
    }

    private static void AggTradeCsv(Writer w, Trade[][] slices)
    {
        const string target = "aggtrade-csv";
        string Row(Trade t, int i) => $"{t.Id - 3_000_000_000},{P(t.Price.E8)},{P(t.Quantity.E8)},{t.Id},{t.Id + (i % 3)},{t.TradeTimeMs},{B(t.BuyerIsMaker)}";
        w.Text(target, "futures-archive.csv", "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
            + string.Concat(slices[0].Select((t, i) => Row(t, i) + "\n")));
        w.Text(target, "spot-headerless.csv", string.Concat(slices[1].Select((t, i) => Row(t, i) + ",True\n")));
        w.Text(target, "spot-headerless-us.csv", string.Concat(slices[2].Select((t, i) =>
            $"{t.Id},{P(t.Price.E8)},{P(t.Quantity.E8)},{t.Id},{t.Id},{t.TradeTimeMs * 1000},{(t.BuyerIsMaker ? "True" : "False")}\n")));
        w.Text(target, "capture-symbol-event-time.csv", "symbol,agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,event_time\n"
            + string.Concat(slices[2].Take(10).Select((t, i) => $"{(i == 4 ? "ethusdt" : "BTCUSDT")},{Row(t, i)},{t.EventTimeMs}\n")));
    }

    private static void TradeCsvGz(Writer w, string[] lines)
    {
        const string target = "trade-csv-gz";
        string head = string.Join('\n', lines.Take(Slice + 1)) + "\n";
        w.Bytes(target, "sample-head.csv.gz", Gzip(Encoding.UTF8.GetBytes(head)));
        string second = string.Join('\n', lines.Skip(Slice + 1).Take(8)) + "\n";
        w.Bytes(target, "two-members.csv.gz", [.. Gzip(Encoding.UTF8.GetBytes(head)), .. Gzip(Encoding.UTF8.GetBytes(second))]);
        w.Bytes(target, "headerless-no-kind.csv.gz", Gzip(Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(1).Take(4)))));
    }

    private static void AggregatedCsv(Writer w, List<Trade> trades)
    {
        const string target = "aggregated-csv";
        var rows = new List<AggregatedRow>();
        var sink = new RowList(rows);
        var aggregator = new TimeAggregator(trades[0].Symbol, intervalMs: 1_000);
        foreach (Trade t in trades.Take(4_000))
        {
            aggregator.OnTrade(in t, ref sink);
        }

        aggregator.Flush(ref sink);
        var line = new Utf8LineBuffer(256);
        string Format(AggregatedRow row)
        {
            AggregatedCsvWriter.Format(line, in row);
            return Encoding.UTF8.GetString(line.Written);
        }

        string header = Encoding.UTF8.GetString(AggregatedCsvWriter.Header);
        w.Text(target, "engine-1s-head.csv", header + string.Concat(rows.Take(Slice).Select(Format)));
        w.Text(target, "engine-1s-tail.csv", header + string.Concat(rows.TakeLast(Slice).Select(Format)));

        // The original Aggregator: interval END without zone, 8 columns (no Hi/Low), a BOM, and 10 columns with ".fff".
        static string End(long startMs, string fraction) =>
            DateTimeOffset.FromUnixTimeMilliseconds(startMs + 1_000).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + fraction;
        string Original(AggregatedRow r, int columns, string fraction)
        {
            string text = Format(r);
            string[] parts = text.TrimEnd('\n').Split(',');
            parts[0] = End(r.StartMs, fraction);
            return string.Join(',', parts.Take(columns)) + "\n";
        }

        w.Text(target, "original-8-columns-bom.csv", "\uFEFFTimestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice\n"
            + string.Concat(rows.Skip(40).Take(Slice).Select(r => Original(r, 8, string.Empty))));
        w.Text(target, "original-10-columns-fraction-crlf.csv", string.Concat(rows.Skip(80).Take(12).Select(r => Original(r, 10, ".000").Replace("\n", "\r\n", StringComparison.Ordinal))));
        w.Text(target, "bad-rows.csv", header
            + "2024-08-08T23:54:00Z,3,1.5,0.5,1,0.5,61800.1,61800.3,61801,61799\n"
            + "2024-08-08T23:54:01Z,-3,1.5,0.5,1,0.5,61800.1,61800.3,61801,61799\n"
            + "2024-08-08T23:54:02Z,3,1.5,0.5,1,0.5,nan,61800.3,61801,61799\n"
            + "2024-02-30T23:54:03Z,3,1.5,0.5,1,0.5,61800.1,61800.3,61801,61799\n"
            + "2024-08-08T23:54:04Z,3,1.5,0.5,1,0.5,61800.1,61800.3,61801\n"
            + "2024-08-08T23:54:05Z,0,0,0.0,0,0,61800.3,61800.3,61800.3,61800.3\n"
            + "2024-08-08T25:54:06Z,3,1.5,0.5,1,0.5,61800.1,61800.3,61801,61799\n");
    }

    private static void Frames(Writer w, Trade[][] slices)
    {
        Trade a = slices[0][0];
        Trade b = slices[1][3];
        string futuresAgg = $$"""{"e":"aggTrade","E":{{a.EventTimeMs}},"a":{{a.Id - 3_000_000_000}},"s":"BTCUSDT","p":"{{P(a.Price.E8)}}","q":"{{P(a.Quantity.E8)}}","f":{{a.Id}},"l":{{a.Id + 2}},"T":{{a.TradeTimeMs}},"m":{{B(a.BuyerIsMaker)}}}""";
        string futuresTrade = $$"""{"e":"trade","E":{{b.EventTimeMs}},"T":{{b.TradeTimeMs}},"s":"BTCUSDT","t":{{b.Id}},"p":"{{P(b.Price.E8)}}","q":"{{P(b.Quantity.E8)}}","X":"MARKET","m":{{B(b.BuyerIsMaker)}}}""";
        string spotTrade = $$"""{"e":"trade","E":{{b.EventTimeMs}},"s":"ETHUSDT","t":{{b.Id}},"p":"2683.80000000","q":"0.00200000","T":{{b.TradeTimeMs}},"m":true,"M":true}""";
        string[] frames =
        [
            futuresAgg,
            futuresTrade,
            spotTrade,
            $$"""{"stream":"btcusdt@aggTrade","data":{{futuresAgg}}}""",
            $$"""{"stream":"btcusdt@trade","data":{{futuresTrade}}}""",
            futuresTrade.Replace(",", ", ", StringComparison.Ordinal).Replace("{", "{\r\n ", StringComparison.Ordinal),
            futuresTrade.Replace("\"MARKET\"", "\"INSURANCE_FUND\"", StringComparison.Ordinal),
            $$"""{"m":false,"T":{{a.TradeTimeMs}},"l":{{a.Id}},"f":{{a.Id}},"q":"0.5","p":"61800","s":"BTCUSDT","a":1,"E":{{a.EventTimeMs}},"e":"aggTrade","x":[1,{"y":null},"z\"q"]}""",
            """{"e":"depthUpdate","E":1723161256322,"T":1723161256320,"s":"BTCUSDT","U":1,"u":2,"pu":0,"b":[["61800.30","1.000"]],"a":[]}""",
            """{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}""",
            """{"lastUpdateId":1027024,"E":1589436922972,"T":1589436922959,"bids":[["4.00000000","431.00000000"]],"asks":[]}""",
            """{"result":null,"id":1}""",
            futuresTrade.Replace("\"BTCUSDT\"", "\"BTC\\u0055SDT\"", StringComparison.Ordinal),
            futuresTrade.Replace("\"BTCUSDT\"", "\"DOGEUSDT\"", StringComparison.Ordinal),
            futuresAgg[..(futuresAgg.Length / 2)],
        ];

        for (int i = 0; i < frames.Length; i++)
        {
            w.Text("frame-fast", $"frame-{i:D2}.json", frames[i]);
            w.Text("frame-general", $"frame-{i:D2}.json", frames[i]);
        }
    }

    private static void RecordedFrames(Writer w, string[] lines, Trade[][] slices)
    {
        const string target = "recorded-frames";
        // hftbacktest: <local_ns> <combined-stream frame>; the sample's local_recv_ts_ns column is the real receive time.
        var hft = new StringBuilder();
        var cryptofeed = new StringBuilder("wss://fstream.binance.com/stream?streams=btcusdt@trade/btcusdt@depth\n");
        for (int i = 0; i < Slice; i++)
        {
            string[] c = lines[1 + i].Split(',');
            string frame = $$"""{"stream":"btcusdt@trade","data":{"e":"trade","E":{{c[5]}},"T":{{c[3]}},"s":"BTCUSDT","t":{{c[0]}},"p":"{{c[1]}}","q":"{{c[2]}}","X":"{{c[7]}}","m":{{c[4]}}""" + "}}";
            hft.Append(c[6]).Append(' ').Append(frame).Append('\n');
            if (i % 5 == 2)
            {
                hft.Append(c[6]).Append(' ').Append("""{"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":1,"T":1,"s":"BTCUSDT","U":1,"u":2,"pu":0,"b":[],"a":[]}}""").Append('\n');
            }

            long ns = long.Parse(c[6], CultureInfo.InvariantCulture);
            cryptofeed.Append(ns / 1_000_000_000).Append('.').Append((ns % 1_000_000_000 / 10_000).ToString("D5", CultureInfo.InvariantCulture))
                .Append(": ").Append(frame).Append('\n');
        }

        w.Text(target, "hftbacktest.txt", hft.ToString());
        w.Text(target, "cryptofeed.txt", cryptofeed.ToString());

        Trade t = slices[2][0];
        w.Text(target, "aggtrade-and-bad-prefixes.txt",
            $$"""1723161255088176367 {"e":"aggTrade","E":{{t.EventTimeMs}},"a":1,"s":"BTCUSDT","p":"{{P(t.Price.E8)}}","q":"{{P(t.Quantity.E8)}}","f":{{t.Id}},"l":{{t.Id}},"T":{{t.TradeTimeMs}},"m":true}""" + "\n"
            + "12345678901234567890 {\"e\":\"trade\"}\n"
            + "1723161255.0881763671: {\"e\":\"trade\"}\n"
            + "1723161255088176368{\"e\":\"trade\"}\n"
            + "1723161255088176369 not json\n"
            + "# comment\n");
    }

    private static void Recording(Writer w, Trade[][] slices)
    {
        const string target = "recording";
        w.Bytes(target, "btcusdt.engrec", Record(["BTCUSDT"], slices[0]));
        Trade[] mixed = [.. slices[1].Select((t, i) => { Trade c = t; c.Symbol = new SymbolId(i % 3); c.IsAggregate = i % 4 == 0; c.Type = i == 7 ? TradeType.Adl : TradeType.Market; return c; })];
        w.Bytes(target, "three-symbols-one-unknown.engrec", Record(["BTCUSDT", "ETHUSDT", "XRPUSDT"], mixed));
        w.Bytes(target, "header-only.engrec", Record(["BTCUSDT"], []));
        byte[] cut = Record(["BTCUSDT"], slices[2][..4]);
        w.Bytes(target, "truncated-last-record.engrec", cut[..^20]);
    }

    private static void Config(Writer w, string sampleConfig)
    {
        const string target = "config";
        w.Bytes(target, "sample-replay.json", File.ReadAllBytes(sampleConfig));
        w.Text(target, "empty-object.json", "{}");
        w.Text(target, "comments-trailing-commas.json", "// a comment\n{ \"Run\": { \"IntervalSeconds\": 60, }, /* more */ \"Symbol\": { \"Name\": \"ETHUSDT\", }, }\n");
        w.Text(target, "wrong-types.json", "{ \"Run\": { \"IntervalSeconds\": \"sixty\" }, \"Risk\": { \"RISK_PCT\": [1, 2] }, \"Symbol\": { \"TickSize\": -1 } }");
        w.Text(target, "unknown-key.json", "{ \"Runn\": { \"IntervalSeconds\": 60 }, \"DeltaScout\": { \"IMB_MIN\": 1e400 } }");
        w.Text(target, "not-an-object.json", "[1, 2, 3]");
    }

    private static byte[] Record(string[] symbols, Trade[] trades)
    {
        using var stream = new MemoryStream();
        var writer = new RecordingWriter(stream, symbols);
        foreach (Trade t in trades)
        {
            writer.Write(in t);
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static List<Trade> ReadSample(string samplePath)
    {
        var registry = new SymbolRegistry(FuzzTargets.Symbols);
        using TradeCsvReader reader = TradeCsvReader.Open(samplePath, registry);
        var trades = new List<Trade>();
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            trades.Add(slot.Trade);
        }

        return trades;
    }

    private static string[] ReadLines(string samplePath)
    {
        using var gzip = new GZipStream(File.OpenRead(samplePath), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        return text.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static string P(long e8) => FixedPoint.ToString(e8);

    private static string B(bool value) => value ? "true" : "false";

    private static string Quote(Trade t) => FixedPoint.ToString((long)(Math.BigMul(t.Price.E8, t.Quantity.E8) / FixedPoint.Scale));

    private readonly struct RowList(List<AggregatedRow> rows) : IRowSink
    {
        public void OnRow(in AggregatedRow row) => rows.Add(row);
    }

    private sealed class Writer(string root)
    {
        public void Text(string target, string name, string text) => Bytes(target, name, Encoding.UTF8.GetBytes(text));

        public void Bytes(string target, string name, byte[] bytes)
        {
            string dir = Path.Combine(root, target);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }
    }
}
