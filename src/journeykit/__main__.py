from journeykit.cli import main

main()
