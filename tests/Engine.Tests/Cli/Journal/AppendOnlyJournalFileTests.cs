using System.Text;
using Engine.Cli.Journal;

namespace Engine.Tests.Cli.Journal;

public sealed class AppendOnlyJournalFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("append-only-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static byte[] Line(string text) => Encoding.ASCII.GetBytes(text + "\n");

    private static string Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return reader.ReadToEnd();
    }

    [Fact]
    public void AppendLine_WithoutBatch_ReachesTheFileAtOnce()
    {
        string path = PathOf("plain.csv");
        using var file = new AppendOnlyJournalFile(path);
        file.AppendLine(Line("a,1"));

        Assert.Equal("a,1\n", Read(path));
        Assert.Equal(1, file.LinesWritten);
    }

    [Fact]
    public void AppendLine_WithBatch_WaitsForFlush_ThenWritesEveryLineInOrder()
    {
        string path = PathOf("batched.csv");
        using var file = new AppendOnlyJournalFile(path, batchBytes: 1024);
        file.AppendLine(Line("a,1"));
        file.AppendLine(Line("b,2"));

        Assert.Equal(string.Empty, Read(path));
        Assert.Equal(2, file.LinesWritten);

        file.Flush();
        Assert.Equal("a,1\nb,2\n", Read(path));

        file.Flush(); // nothing batched: nothing written twice
        Assert.Equal("a,1\nb,2\n", Read(path));
    }

    [Fact]
    public void AppendLine_WhenTheBatchIsFull_WritesTheWholeLinesBeforeIt()
    {
        string path = PathOf("full.csv");
        using var file = new AppendOnlyJournalFile(path, batchBytes: 10);
        file.AppendLine(Line("abcd")); // 5 bytes
        file.AppendLine(Line("efgh")); // 10: exactly full, still held
        Assert.Equal(string.Empty, Read(path));

        file.AppendLine(Line("ij")); // does not fit: the two held lines go first, whole
        Assert.Equal("abcd\nefgh\n", Read(path));

        file.Flush();
        Assert.Equal("abcd\nefgh\nij\n", Read(path));
    }

    [Fact]
    public void AppendLine_LongerThanTheBatch_GoesStraightThroughAfterTheHeldLines()
    {
        string path = PathOf("long.csv");
        using var file = new AppendOnlyJournalFile(path, batchBytes: 8);
        file.AppendLine(Line("ab"));
        file.AppendLine(Line("a-line-longer-than-eight-bytes"));

        Assert.Equal("ab\na-line-longer-than-eight-bytes\n", Read(path));
        Assert.Equal(2, file.LinesWritten);
    }

    [Fact]
    public void Dispose_WritesWhatIsStillBatched()
    {
        string path = PathOf("dispose.csv");
        using (var file = new AppendOnlyJournalFile(path, batchBytes: 4096))
        {
            file.AppendLine(Line("x"));
        }

        Assert.Equal("x\n", File.ReadAllText(path));
    }

    [Fact]
    public void Batched_AndLineByLine_WriteTheSameBytes()
    {
        string plain = PathOf("same-plain.csv");
        string batched = PathOf("same-batched.csv");
        using (var a = new AppendOnlyJournalFile(plain))
        using (var b = new AppendOnlyJournalFile(batched, batchBytes: 64))
        {
            for (int i = 0; i < 1_000; i++)
            {
                byte[] line = Line(new string('z', i % 97) + "," + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                a.AppendLine(line);
                b.AppendLine(line);
                if (i % 37 == 0)
                {
                    b.Flush();
                }
            }
        }

        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(batched));
    }

    [Fact]
    public void AppendLine_WithoutNewline_IsRefusedInBothModes()
    {
        using var plain = new AppendOnlyJournalFile(PathOf("bad1.csv"));
        using var batched = new AppendOnlyJournalFile(PathOf("bad2.csv"), batchBytes: 64);

        Assert.Throws<ArgumentException>(() => plain.AppendLine("no newline"u8));
        Assert.Throws<ArgumentException>(() => batched.AppendLine("no newline"u8));
    }
}
