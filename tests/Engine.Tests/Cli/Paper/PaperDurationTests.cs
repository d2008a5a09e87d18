using Engine.Cli.Configuration;
using Engine.Cli.Run;

namespace Engine.Tests.Cli.Paper;

public sealed class PaperDurationTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData(" 2H ", 7200)]
    [InlineData("1", 1)]
    [InlineData("8784h", 31_622_400)] // 366 days, the longest
    public void Parse_SecondsOrAValueWithAUnit_IsThatManySeconds(string text, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), PaperDuration.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1.5h")]
    [InlineData("15 m")]
    [InlineData("15d")]
    [InlineData("m")]
    [InlineData("8785h")]           // one hour over 366 days
    [InlineData("9999999999")]      // would overflow a careless multiply
    [InlineData("1e3")]
    public void Parse_AnythingElse_IsAConfigurationErrorNamingTheForms(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => PaperDuration.Parse(text));
        Assert.Contains("--duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("90s, 15m, 2h", error.Message, StringComparison.Ordinal);
    }
}
