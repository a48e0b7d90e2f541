//! The frame: the screen that is up, then its overlay, then any notice, drawn
//! in that order by reading the app; what the frame hands back (click areas, the
//! scrolling page) is returned, never stored by a view.

use ratatui::Frame;

use super::app::App;
use super::hits::Hits;
use super::msg::Overlay;
use super::overlays::all_keys;
use super::screen::Look;
use super::view::{self, MIN_HEIGHT, MIN_WIDTH};

impl App {
    /// Draw the app into a frame of any size; returns where clicks land and how
    /// the scrolling page was laid out. Reads the app, changes nothing.
    pub fn render(&self, frame: &mut Frame) -> Hits {
        let mut hits = Hits::default();
        let area = frame.area();
        let world = &self.world;
        let theme = world.theme;
        let buf = frame.buffer_mut();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            view::too_small(buf, area, &theme);
            view::finish(buf, area, &theme);
            return hits;
        }
        let h = &mut hits;
        let look = Look {
            world,
            rooms: self.rooms.as_ref(),
            room: self.room.as_ref(),
        };
        self.screen.view().draw(&look, h, buf, area);
        if let Some(o) = self.overlay {
            // Nothing under an overlay can be clicked.
            let under = h.len();
            match o {
                Overlay::Help { scroll } => {
                    view::help::draw(world, &all_keys(), h, buf, area, scroll);
                }
                Overlay::ConfirmQuit { quit } => view::dialog::draw(world, h, buf, area, quit),
                Overlay::Undo { cursor } => view::undo::draw(world, h, buf, area, cursor),
                Overlay::Consent { row, yes } => {
                    view::consent::draw(world, h, buf, area, row, yes);
                }
            }
            h.only(under);
        }
        if let Some(n) = &self.notice.problem {
            view::notice(buf, area, &theme, theme.g.warn, n);
        } else if let Some(n) = &self.notice.success {
            view::notice(buf, area, &theme, theme.g.good, n);
        }
        view::finish(buf, area, &theme);
        hits
    }
}
