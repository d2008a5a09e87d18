using System.Globalization;
using System.IO.Compression;
using System.Text;
using Engine.Binance.Recorded;
using Engine.Cli.Record;
using Engine.Model;

namespace Engine.Tests.Cli.Record;

/// <summary>
/// The recorder's hourly gzip files. The receive time each frame is written with is the clock (injected here): the
/// hour it falls in picks the file.
/// </summary>
public sealed class RotatingFrameWriterTests : IDisposable
{
    // 2026-12-05T13:00:00Z = 1,796,475,600 s since the epoch.
    private const long Hour13 = 1_796_475_600_000_000_000;
    private const long Ns = 1;

    private readonly string _dir = Directory.CreateTempSubdirectory("engine-record-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "btc.gz");

    private static byte[] Frame(long id) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"{{\"stream\":\"btcusdt@aggTrade\",\"data\":{{\"e\":\"aggTrade\",\"E\":1796475600001,\"a\":{id},\"s\":\"BTCUSDT\",\"p\":\"60000.5\",\"q\":\"0.002\",\"f\":{id},\"l\":{id},\"T\":1796475600000,\"m\":false}}}}"));

    internal static List<string> Lines(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is string line)
        {
            lines.Add(line);
        }

        return lines;
    }

    // What engine replay reads from a file: each trade's recorded receive time and id.
    private static List<(long Ns, long Id)> Replayed(string path)
    {
        using RecordedFrameReader reader = RecordedFrameReader.Open(path, new SymbolRegistry(["BTCUSDT"]));
        var slot = default(EngineEvent);
        var read = new List<(long, long)>();
        while (reader.TryReadNext(ref slot))
        {
            read.Add((slot.ReceivedTimestamp, slot.Trade.Id));
        }

        Assert.Equal(0, reader.Stats.Malformed);
        return read;
    }

    [Theory]
    [InlineData("btc.gz", "btc.2026-12-05T13.gz")]
    [InlineData("btc.ws.gz", "btc.2026-12-05T13.ws.gz")]
    [InlineData("btc", "btc.2026-12-05T13")]
    [InlineData(".rec.gz", ".rec.2026-12-05T13.gz")]
    public void HourlyName_InsertsTheUtcHourBeforeTheExtension(string name, string expected)
    {
        Assert.Equal(Path.Combine("d", expected), HourlyFileName.For(Path.Combine("d", name), Hour13 + (59 * 60 * 1_000_000_000L) + 999_999_999));
        Assert.Equal(Hour13, HourlyFileName.HourStart(Hour13 + 1));
        Assert.Equal(Hour13 - HourlyFileName.NanosPerHour, HourlyFileName.HourStart(Hour13 - Ns));
    }

    [Fact]
    public void FramesEitherSideOfTheHour_GoToTwoFiles_ReadBackByTheReplayReader()
    {
        using (var writer = new RotatingFrameWriter(Out))
        {
            writer.Write(Frame(1), Hour13 - Ns);
            writer.Write(Frame(2), Hour13);
            writer.Write(Frame(3), Hour13 + 5);
            Assert.Equal(3, writer.Frames);
        }

        string twelve = Path.Combine(_dir, "btc.2026-12-05T12.gz");
        string thirteen = Path.Combine(_dir, "btc.2026-12-05T13.gz");
        Assert.Equal([string.Create(CultureInfo.InvariantCulture, $"{Hour13 - 1} ") + Encoding.UTF8.GetString(Frame(1))], Lines(twelve));
        Assert.Equal(2, Lines(thirteen).Count);

        Assert.Equal([(Hour13, 2L), (Hour13 + 5, 3L)], Replayed(thirteen));
    }

    [Fact]
    public void AFrameStampedBeforeTheOpenHour_StaysInTheOpenFile_AndIsCounted()
    {
        using (var writer = new RotatingFrameWriter(Out))
        {
            writer.Write(Frame(1), Hour13 + 10);
            writer.Write(Frame(2), Hour13 - 10); // another connection's frame, received earlier, written later
            Assert.Equal(1, writer.LateFrames);
            Assert.Single(writer.Files);
        }

        Assert.Equal(2, Lines(Path.Combine(_dir, "btc.2026-12-05T13.gz")).Count);
    }

    [Fact]
    public void ManyThreadsAcrossTheHour_EveryFrameOnceInTheFileOfItsWriteOrder()
    {
        const int threads = 4;
        const int perThread = 5_000;
        long clock = Hour13 - 10_000; // the shared injected clock: 10,000 ns before 13:00, one ns per frame
        using (var writer = new RotatingFrameWriter(Out))
        {
            Parallel.For(0, threads, t =>
            {
                for (int i = 0; i < perThread; i++)
                {
                    writer.Write(Frame((t * perThread) + i), Interlocked.Increment(ref clock));
                }
            });
            Assert.Equal(threads * perThread, writer.Frames);
        }

        var ids = new HashSet<long>();
        int lines = 0;
        foreach (string file in Directory.GetFiles(_dir, "btc.*.gz"))
        {
            foreach (string line in Lines(file))
            {
                lines++;
                int a = line.IndexOf("\"a\":", StringComparison.Ordinal) + 4;
                Assert.True(ids.Add(long.Parse(line.AsSpan(a, line.IndexOf(',', a) - a), CultureInfo.InvariantCulture)));
            }
        }

        Assert.Equal(threads * perThread, lines);
        Assert.Equal(threads * perThread, ids.Count);
        Assert.Equal(2, Directory.GetFiles(_dir, "btc.*.gz").Length);
    }

    [Fact]
    public void FlushPastTheHour_CompletesAQuietHoursFile_WithoutTheNextFrame()
    {
        using var writer = new RotatingFrameWriter(Out);
        writer.Write(Frame(1), Hour13 - 100);
        writer.Flush(Hour13 - 50);                 // inside the hour: data pushed, file still open
        writer.Flush(Hour13 + 1);                  // the hour is over: the file is finished
        Assert.Single(Lines(Path.Combine(_dir, "btc.2026-12-05T12.gz")));

        writer.Write(Frame(2), Hour13 + 2);
        Assert.Equal(2, writer.Files.Count);
    }

    [Fact]
    public void AnHourFileThatExists_IsAppendedTo_NotOverwritten()
    {
        using (var first = new RotatingFrameWriter(Out))
        {
            first.Write(Frame(1), Hour13 + 1);
        }

        using (var second = new RotatingFrameWriter(Out))
        {
            second.Write(Frame(2), Hour13 + 2);
        }

        Assert.Equal([(Hour13 + 1, 1L), (Hour13 + 2, 2L)], Replayed(Path.Combine(_dir, "btc.2026-12-05T13.gz")));
    }

    [Fact]
    public void LineBreaksInAFrame_BecomeSpaces_AndEmptyOrLateFramesAreRefused()
    {
        var writer = new RotatingFrameWriter(Out);
        writer.Write("{\"e\":\r\n\"x\"}"u8, Hour13);
        writer.Write([], Hour13);
        writer.Dispose();
        writer.Write("{}"u8, Hour13);

        Assert.Equal(["1796475600000000000 {\"e\":  \"x\"}"], Lines(Path.Combine(_dir, "btc.2026-12-05T13.gz")));
        Assert.Equal(2, writer.Refused);
        Assert.Equal(1, writer.Frames);
    }
}
