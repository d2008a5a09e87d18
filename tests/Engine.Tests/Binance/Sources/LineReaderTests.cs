using System.Text;
using Engine.Binance.Sources;

namespace Engine.Tests.Binance.Sources;

public class LineReaderTests
{
    private static List<(string Text, bool TooLong)> ReadAll(string content, int initialBytes = 4, int maxLineBytes = 1024)
    {
        var result = new List<(string, bool)>();
        using var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(content)), initialBytes: initialBytes, maxLineBytes: maxLineBytes);
        while (reader.TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong))
        {
            result.Add((Encoding.UTF8.GetString(line), tooLong));
        }

        return result;
    }

    [Fact]
    public void Lines_WithCrLfBomAndNoFinalNewline_AreSplitExactly()
    {
        var lines = ReadAll("\uFEFFfirst line\r\nsecond\n\nlast");

        Assert.Equal([("first line", false), ("second", false), (string.Empty, false), ("last", false)], lines);
    }

    [Fact]
    public void LongLines_GrowTheBufferUpToTheLimit()
    {
        string longLine = new('x', 700);

        var lines = ReadAll("a\n" + longLine + "\nb\n");

        Assert.Equal([("a", false), (longLine, false), ("b", false)], lines);
    }

    [Fact]
    public void LineOverTheLimit_IsSkippedWholeAndReported()
    {
        string tooLong = new('y', 3000);

        var lines = ReadAll("a\n" + tooLong + "\nb\n" + tooLong, maxLineBytes: 256);

        Assert.Equal([("a", false), (string.Empty, true), ("b", false), (string.Empty, true)], lines);
    }

    [Fact]
    public void EmptyInput_HasNoLines()
    {
        Assert.Empty(ReadAll(string.Empty));
    }
}
