//! Which folds are collapsed, and the mapping between the rows the view shows and the lines
//! of the document.
//!
//! A collapsed fold shows its first line (with its last one joined to it, as `{ … }`) and hides
//! the lines after it. Folds inside a collapsed one stay collapsed or not as the user left
//! them, but only the outermost collapsed folds hide anything: [`Folding`] keeps those, sorted,
//! with the count of lines hidden before each, so both mappings are a binary search.

use std::collections::BTreeMap;

use super::Fold;

/// The collapsed folds of one document.
#[derive(Debug)]
pub(crate) struct Folding {
    /// Every collapsed fold, by start line: its end line.
    collapsed: BTreeMap<u32, u32>,
    /// The outermost collapsed folds, by start.
    hiding: Vec<Fold>,
    /// Lines hidden by `hiding[..k]`, for each `k` (one more entry than `hiding`).
    hidden_before: Vec<u32>,
    /// The row each of `hiding` is shown at.
    start_rows: Vec<u32>,
}

impl Default for Folding {
    fn default() -> Self {
        Folding {
            collapsed: BTreeMap::new(),
            hiding: Vec::new(),
            hidden_before: vec![0],
            start_rows: Vec::new(),
        }
    }
}

impl Folding {
    /// Lines hidden in all.
    pub fn hidden(&self) -> u32 {
        self.hidden_before.last().copied().unwrap_or(0)
    }

    /// Whether the fold starting at `line` is collapsed.
    pub fn is_collapsed(&self, line: u32) -> bool {
        self.collapsed.contains_key(&line)
    }

    /// Collapses `fold`, or expands it when it is collapsed.
    pub fn toggle(&mut self, fold: Fold) {
        if self.collapsed.remove(&fold.start).is_none() {
            self.collapsed.insert(fold.start, fold.end);
        }
        self.rebuild();
    }

    /// Collapses every fold in `folds` (or expands them all when `collapse` is false).
    pub fn set_all(&mut self, folds: &[Fold], collapse: bool) {
        self.collapsed.clear();
        if collapse {
            self.collapsed
                .extend(folds.iter().map(|f| (f.start, f.end)));
        }
        self.rebuild();
    }

    /// Expands every collapsed fold that hides `line`, so it can be shown.
    pub fn reveal(&mut self, line: u32) {
        let before = self.collapsed.len();
        self.collapsed
            .retain(|&start, &mut end| !(start < line && line <= end));
        if self.collapsed.len() != before {
            self.rebuild();
        }
    }

    fn rebuild(&mut self) {
        self.hiding.clear();
        self.hidden_before.clear();
        self.hidden_before.push(0);
        self.start_rows.clear();
        let mut reach = None;
        for (&start, &end) in &self.collapsed {
            if reach.is_some_and(|r| start <= r) {
                continue;
            }
            reach = Some(end);
            self.hiding.push(Fold { start, end });
            let so_far = self.hidden();
            self.start_rows.push(start - so_far);
            self.hidden_before.push(so_far + (end - start));
        }
    }

    /// The document line shown at `row`.
    pub fn line_at(&self, row: u32) -> u32 {
        // Folds whose start line is shown above `row` hide lines before it.
        let k = self.start_rows.partition_point(|&r| r < row);
        row + self.hidden_before[k]
    }

    /// The row that shows `line` (or the collapsed fold hiding it).
    pub fn row_of(&self, line: u32) -> u32 {
        let k = self.hiding.partition_point(|f| f.start < line);
        match k.checked_sub(1).map(|i| self.hiding[i]) {
            Some(f) if line <= f.end => f.start - self.hidden_before[k - 1],
            _ => line - self.hidden_before[k],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(start: u32, end: u32) -> Fold {
        Fold { start, end }
    }

    #[test]
    fn collapsed_folds_hide_their_inner_lines() {
        let mut f = Folding::default();
        f.toggle(fold(2, 5));
        f.toggle(fold(8, 9));
        assert_eq!(f.hidden(), 4);
        let shown: Vec<u32> = (0..7).map(|r| f.line_at(r)).collect();
        assert_eq!(shown, [0, 1, 2, 6, 7, 8, 10]);
        for (row, &line) in shown.iter().enumerate() {
            assert_eq!(f.row_of(line), row as u32);
        }
        assert_eq!(f.row_of(4), 2, "a hidden line maps to its fold's row");
        f.toggle(fold(2, 5));
        assert_eq!(f.hidden(), 1);
        assert_eq!(f.line_at(9), 10);
    }

    #[test]
    fn only_outermost_collapsed_folds_count_and_reveal_opens_them() {
        let mut f = Folding::default();
        f.toggle(fold(3, 4));
        f.toggle(fold(1, 10));
        assert_eq!(f.hidden(), 9);
        assert_eq!(f.line_at(2), 11);
        f.reveal(4);
        assert!(!f.is_collapsed(1) && !f.is_collapsed(3));
        assert_eq!(f.hidden(), 0);
        f.set_all(&[fold(0, 20), fold(3, 4)], true);
        assert_eq!((f.hidden(), f.line_at(1)), (20, 21));
        f.toggle(fold(0, 20));
        assert_eq!((f.hidden(), f.line_at(4)), (1, 5));
    }
}
