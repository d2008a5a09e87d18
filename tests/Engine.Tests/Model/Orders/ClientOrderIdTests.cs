using Engine.Model;

namespace Engine.Tests.Model.Orders;

public class ClientOrderIdTests
{
    [Fact]
    public void Format_WritesPrefixDashValue_AndParsesBack()
    {
        var id = new ClientOrderId(12345);
        Assert.Equal("eng-12345", id.Format("eng"));
        Assert.True(ClientOrderId.TryParse("eng-12345", "eng", out ClientOrderId back));
        Assert.Equal(id, back);
    }

    [Theory]
    [InlineData("other-5")]
    [InlineData("eng-")]
    [InlineData("eng-x1")]
    [InlineData("eng-0")]
    public void TryParse_ForeignOrMalformedIds_Fails(string text) =>
        Assert.False(ClientOrderId.TryParse(text, "eng", out _));

    [Fact]
    public void Format_BadPrefix_Throws() =>
        Assert.Throws<ArgumentException>(() => new ClientOrderId(1).Format("bad prefix"));

    [Fact]
    public void Format_LongestValue_FitsBinanceLimit() =>
        Assert.True(new ClientOrderId(long.MaxValue).Format("engine12345678").Length <= 36);
}
