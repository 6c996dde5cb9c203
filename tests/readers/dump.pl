#!/usr/bin/perl
# dump.pl - Spreadsheet::ParseXLSX dumps workbooks for tests/readers/compare.py.
#
#   perl dump.pl OUTDIR FILE.xlsx...   writes OUTDIR/<file name>.json per workbook
#
# Per cell: ParseExcel's type (Text, Numeric, Date) and unformatted value; numbers are
# printed with 17 significant digits so the double is exact. A Date cell is dumped as its
# serial number: ParseXLSX gives no date value, only the serial and a formatted text.
# ParseXLSX exposes merged areas, not hyperlinks, panes or filters.
use strict;
use warnings;
use JSON::PP;
use Spreadsheet::ParseXLSX;

my ($outdir, @files) = @ARGV;
my $json = JSON::PP->new->canonical->utf8;

sub ref_of {
    my ($row, $col) = @_;
    my $letters = '';
    $col++;
    while ($col > 0) {
        my $k = ($col - 1) % 26;
        $letters = chr(65 + $k) . $letters;
        $col = int(($col - 1) / 26);
    }
    return $letters . ($row + 1);
}

for my $file (@files) {
    (my $base = $file) =~ s{.*/}{};
    $base =~ s/\.xlsx$//;
    my $out = eval {
        my $wb = Spreadsheet::ParseXLSX->new->parse($file) or die "parse failed";
        my @sheets;
        for my $ws ($wb->worksheets) {
            my %cells;
            my ($rmin, $rmax) = $ws->row_range;
            my ($cmin, $cmax) = $ws->col_range;
            for my $r ($rmin .. $rmax) {
                for my $c ($cmin .. $cmax) {
                    my $cell = $ws->get_cell($r, $c) or next;
                    my $v = $cell->unformatted;
                    next if !defined $v || $v eq '';
                    my $t = $cell->type;
                    if ($t eq 'Numeric' || $t eq 'Date') {
                        $cells{ref_of($r, $c)} = [$t eq 'Date' ? 'dserial' : 'n', sprintf('%.17g', $v)];
                    } else {
                        $cells{ref_of($r, $c)} = ['s', $v];
                    }
                }
            }
            my @merges = map {
                ref_of($_->[0], $_->[1]) . ':' . ref_of($_->[2], $_->[3])
            } @{ $ws->get_merged_areas || [] };
            push @sheets, {name => $ws->get_name, cells => \%cells, merges => \@merges};
        }
        {sheets => \@sheets};
    };
    $out = {error => "$@"} unless $out;
    open(my $fh, '>', "$outdir/$base.json") or die "$outdir/$base.json: $!";
    print $fh $json->encode($out);
    close $fh or die $!;
}
