// name: a method that ends without Return gives no value
// expect: None
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (CNT, 0)
    Method (MAIN, 0)
    {
        CNT = 5
    }
}
