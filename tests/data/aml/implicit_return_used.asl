// name: using the value of a method that returned nothing is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (FLAG, 1)
    // iasl refuses a call of a method with no Return at all as a value;
    // one Return on a path not taken gets past it.
    Method (NORE, 0)
    {
        If (FLAG == 0) {
            Return (7)
        }
        Local0 = 5
    }
    Method (MAIN, 0)
    {
        Local1 = NORE ()
        Return (Local1)
    }
}
